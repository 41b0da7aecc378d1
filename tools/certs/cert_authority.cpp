// In-memory throwaway CA (OpenSSL 3 EVP APIs, EC P-256, SHA-256).
#include "cert_authority.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace thrive::certs {
namespace {

template <auto Fn>
struct Deleter {
    template <class T>
    void operator()(T* p) const noexcept { Fn(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;
using NamePtr = std::unique_ptr<GENERAL_NAME, Deleter<GENERAL_NAME_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using OctetPtr = std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>>;
using Ia5Ptr = std::unique_ptr<ASN1_IA5STRING, Deleter<ASN1_IA5STRING_free>>;

[[noreturn]] void fail(const std::string& what) {
    std::string detail;
    unsigned long code = ERR_get_error();
    if (code != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        detail = std::string(": ") + buf;
    }
    ERR_clear_error();
    throw std::runtime_error("cert_authority: " + what + detail);
}

void check(int ok, const char* what) {
    if (ok != 1) fail(what);
}

PkeyPtr make_key() {
    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key) fail("EC P-256 key generation failed");
    return key;
}

std::string key_to_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) fail("BIO_new failed");
    check(PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr),
          "writing the private key failed");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

std::string cert_to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) fail("BIO_new failed");
    check(PEM_write_bio_X509(bio.get(), cert), "writing the certificate failed");
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
}

BioPtr read_bio(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) fail("BIO_new_mem_buf failed");
    return bio;
}

PkeyPtr key_from_pem(const std::string& pem) {
    BioPtr bio = read_bio(pem);
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) fail("cannot parse the CA private key");
    return key;
}

X509Ptr cert_from_pem(const std::string& pem) {
    BioPtr bio = read_bio(pem);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) fail("cannot parse the CA certificate");
    return cert;
}

// A positive random 127-bit serial (RFC 5280: at most 20 octets, positive).
void set_random_serial(X509* cert) {
    BnPtr bn(BN_new());
    if (!bn) fail("BN_new failed");
    check(BN_rand(bn.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand failed");
    if (BN_is_zero(bn.get())) check(BN_set_word(bn.get(), 1), "BN_set_word failed");
    if (!BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)))
        fail("setting the serial number failed");
}

X509Ptr new_cert(EVP_PKEY* subject_key, const std::string& common_name, int days) {
    if (days <= 0) throw std::runtime_error("cert_authority: days must be positive");
    X509Ptr cert(X509_new());
    if (!cert) fail("X509_new failed");
    check(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version failed");
    set_random_serial(cert.get());
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600))
        fail("setting notBefore failed");
    if (!X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400L))
        fail("setting notAfter failed");
    check(X509_set_pubkey(cert.get(), subject_key), "X509_set_pubkey failed");
    X509_NAME* name = X509_get_subject_name(cert.get());
    if (!common_name.empty())
        check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                         -1, -1, 0),
              "setting the common name failed");
    return cert;
}

// Adds an extension given in OpenSSL's config syntax, e.g. "critical,CA:TRUE".
void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext) fail(std::string("building extension ") + OBJ_nid2sn(nid) + " failed");
    check(X509_add_ext(cert, ext.get(), -1), "X509_add_ext failed");
}

void add_subject_alt_names(X509* cert, const std::vector<std::string>& names) {
    if (names.empty()) return;
    NamesPtr list(GENERAL_NAMES_new());
    if (!list) fail("GENERAL_NAMES_new failed");
    for (const std::string& entry : names) {
        NamePtr gn(GENERAL_NAME_new());
        if (!gn) fail("GENERAL_NAME_new failed");
        // a2i_IPADDRESS accepts IPv4 and IPv6 literals only; anything else is a DNS name.
        OctetPtr ip(a2i_IPADDRESS(entry.c_str()));
        ERR_clear_error();
        if (ip) {
            GENERAL_NAME_set0_value(gn.get(), GEN_IPADD, ip.release());
        } else {
            Ia5Ptr dns(ASN1_IA5STRING_new());
            if (!dns) fail("ASN1_IA5STRING_new failed");
            check(ASN1_STRING_set(dns.get(), entry.data(), static_cast<int>(entry.size())),
                  "ASN1_STRING_set failed");
            GENERAL_NAME_set0_value(gn.get(), GEN_DNS, dns.release());
        }
        if (!sk_GENERAL_NAME_push(list.get(), gn.get())) fail("sk_GENERAL_NAME_push failed");
        gn.release();
    }
    check(X509_add1_ext_i2d(cert, NID_subject_alt_name, list.get(), 0, X509V3_ADD_DEFAULT),
          "adding subjectAltName failed");
}

void sign(X509* cert, EVP_PKEY* key) {
    if (X509_sign(cert, key, EVP_sha256()) <= 0) fail("signing the certificate failed");
}

}  // namespace

KeyAndCert make_ca(const std::string& common_name, int days) {
    PkeyPtr key = make_key();
    X509Ptr cert = new_cert(key.get(), common_name, days);
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())),
          "X509_set_issuer_name failed");
    add_ext(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_ext(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    add_ext(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    add_ext(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always");
    sign(cert.get(), key.get());
    return {key_to_pem(key.get()), cert_to_pem(cert.get())};
}

KeyAndCert issue_server_cert(const KeyAndCert& ca, const std::string& common_name,
                             const std::vector<std::string>& subject_alt_names, int days) {
    PkeyPtr ca_key = key_from_pem(ca.key_pem);
    X509Ptr ca_cert = cert_from_pem(ca.cert_pem);
    PkeyPtr key = make_key();
    X509Ptr cert = new_cert(key.get(), common_name, days);
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get())),
          "X509_set_issuer_name failed");
    add_ext(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_ext(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature");
    add_ext(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth");
    add_ext(cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash");
    add_ext(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
    add_subject_alt_names(cert.get(), subject_alt_names);
    sign(cert.get(), ca_key.get());
    return {key_to_pem(key.get()), cert_to_pem(cert.get())};
}

}  // namespace thrive::certs
