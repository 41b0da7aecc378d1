// Throwaway certificate authority for the local stand-in and the tests:
// makes a self-signed CA and server certificates it signs, all in memory
// (OpenSSL, EC P-256). Never used by the plugin itself.
#pragma once

#include <string>
#include <vector>

namespace thrive::certs {

struct KeyAndCert {
    std::string key_pem;   // PKCS#8 private key
    std::string cert_pem;  // X.509 certificate
};

// A fresh self-signed CA valid from one hour ago for `days` days.
KeyAndCert make_ca(const std::string& common_name, int days = 30);

// A server certificate signed by `ca`. Each entry of `subject_alt_names` is a
// DNS name or an IP literal ("localhost", "127.0.0.1", "::1"); IP literals
// become IP SANs. Throws std::runtime_error on an OpenSSL failure.
KeyAndCert issue_server_cert(const KeyAndCert& ca, const std::string& common_name,
                             const std::vector<std::string>& subject_alt_names, int days = 30);

}  // namespace thrive::certs
