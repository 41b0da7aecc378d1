#include "certs/cert_authority.hpp"

#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace thrive::certs {
namespace {

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr load(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509Ptr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return cert;
}

TEST(CertAuthorityTest, CaIsSelfSignedCa) {
    auto ca = make_ca("Test CA");
    EXPECT_NE(ca.key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);  // PKCS#8
    auto cert = load(ca.cert_pem);
    ASSERT_TRUE(cert);
    EXPECT_EQ(X509_check_ca(cert.get()), 1);
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1);
    EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);
}

TEST(CertAuthorityTest, ServerCertIsSignedByCaWithSans) {
    auto ca = make_ca("Test CA");
    auto server = issue_server_cert(ca, "localhost", {"localhost", "127.0.0.1", "::1"});
    auto ca_cert = load(ca.cert_pem);
    auto cert = load(server.cert_pem);
    ASSERT_TRUE(cert);
    EXPECT_EQ(X509_verify(cert.get(), X509_get0_pubkey(ca_cert.get())), 1);
    EXPECT_EQ(X509_check_ca(cert.get()), 0);
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
    EXPECT_NE(X509_check_host(cert.get(), "127.0.0.1", 0, 0, nullptr), 1)
        << "IP literals must be IP SANs, not DNS SANs";
    EXPECT_NE(X509_check_host(cert.get(), "example.com", 0, 0, nullptr), 1);
}

TEST(CertAuthorityTest, SerialsDiffer) {
    auto ca = make_ca("Test CA");
    auto a = load(issue_server_cert(ca, "a", {"a.test"}).cert_pem);
    auto b = load(issue_server_cert(ca, "b", {"b.test"}).cert_pem);
    EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.get()), X509_get0_serialNumber(b.get())),
              0);
}

TEST(CertAuthorityTest, GarbageCaThrows) {
    KeyAndCert bogus{"not a key", "not a cert"};
    EXPECT_THROW(issue_server_cert(bogus, "x", {"x"}), std::runtime_error);
}

}  // namespace
}  // namespace thrive::certs
