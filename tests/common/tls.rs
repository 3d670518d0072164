//! A private certificate authority for the TLS test server: a CA, a
//! certificate for `localhost` signed by it, and a CA bundle that trusts it
//! besides the system's own roots (as a user's `SSL_CERT_FILE` would).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The system's CA bundle on Debian and its relatives.
pub const SYSTEM_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

pub struct TestCa {
    /// The CA's certificate, PEM.
    pub ca_pem: String,
    /// The server's TLS configuration: the `localhost` certificate and key.
    pub server: Arc<rustls::ServerConfig>,
}

impl TestCa {
    pub fn new() -> TestCa {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "wolkvox test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec!["localhost".to_string()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let chain = vec![leaf.der().clone(), CertificateDer::from(ca.der().to_vec())];
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        TestCa {
            ca_pem: ca.pem(),
            server: Arc::new(server),
        }
    }

    /// A bundle of the system's roots (when there are any) and this CA,
    /// written into `dir`, for `SSL_CERT_FILE`.
    pub fn bundle(&self, dir: &Path) -> PathBuf {
        let mut text = std::fs::read_to_string(SYSTEM_BUNDLE).unwrap_or_default();
        text.push('\n');
        text.push_str(&self.ca_pem);
        let path = dir.join("ca-bundle.pem");
        std::fs::write(&path, text).unwrap();
        path
    }
}
