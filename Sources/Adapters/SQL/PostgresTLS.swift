import NIOSSL
import PostgresNIO

/// The TLS a PostgreSQL target asks for, in postgres-nio's terms. A root-certificate file that
/// cannot be read is a configuration error at start, not a failure at the first query.
extension DatabaseLocation.PostgresTarget {
    var clientTLS: PostgresClient.Configuration.TLS {
        get throws {
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(try tlsConfiguration)
            case .require, .verifyCA, .verifyFull: .require(try tlsConfiguration)
            }
        }
    }

    var connectionTLS: PostgresConnection.Configuration.TLS {
        get throws {
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
            case .require, .verifyCA, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
        }
    }

    /// libpq's rules: `prefer` checks nothing; `require` checks the authority only when a root
    /// certificate is named; `verify-ca` checks the authority; `verify-full` the host name too.
    var tlsConfiguration: TLSConfiguration {
        get throws {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let rootCertificate {
                let certificates: [NIOSSLCertificate]
                do {
                    certificates = try NIOSSLCertificate.fromPEMFile(rootCertificate)
                } catch {
                    throw DatabaseLocation.InvalidURL(
                        url: "sslrootcert=\(rootCertificate)", reason: "cannot read a PEM certificate there (\(error))")
                }
                configuration.trustRoots = .certificates(certificates)
            }
            switch tls {
            case .disable, .prefer: configuration.certificateVerification = .none
            case .require:
                configuration.certificateVerification = rootCertificate == nil ? .none : .noHostnameVerification
            case .verifyCA: configuration.certificateVerification = .noHostnameVerification
            case .verifyFull: configuration.certificateVerification = .fullVerification
            }
            return configuration
        }
    }
}

extension DatabaseLocation.PostgresTarget {
    /// The same target for libpq's tools (`pg_dump`): password and TLS through the environment.
    var libpqEnvironment: [String: String] {
        var environment = ["PGSSLMODE": tls.rawValue, "PGCONNECT_TIMEOUT": String(connectTimeout)]
        if let password { environment["PGPASSWORD"] = password }
        if let rootCertificate { environment["PGSSLROOTCERT"] = rootCertificate }
        return environment
    }
}
