public import Application
import Crypto
import Foundation

/// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps) over raw key bytes, and the sealing of
/// the secrets at rest (`AESSecretSealer`, under its own purpose). Written on swift-crypto rather than taken from
/// hummingbird-auth's `HummingbirdOTP`: that one takes the secret as a UTF-8 string (a random
/// 20-byte secret is not one) and returns the code as an Int (leading zeros lost).
public struct TOTPAuthenticator: OneTimePasswords {
    private let sealer: AESSecretSealer

    /// Derives the AES-256 key from `keyMaterial` (the configured or generated secret) with HKDF.
    public init(keyMaterial: String) {
        sealer = AESSecretSealer(keyMaterial: keyMaterial, purpose: "gestio-totp-secrets")
    }

    public func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    public func code(secret: [UInt8], step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        // Dynamic truncation (RFC 4226 §5.3).
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let text = String(binary % 1_000_000)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    public func seal(_ secret: [UInt8]) throws -> String { try sealer.seal(bytes: secret) }

    public func open(_ sealed: String) throws -> [UInt8] { try sealer.open(bytes: sealed) }
}

/// A sealed secret that does not open under this key (another key, or altered text).
struct SealingFailed: Error, CustomStringConvertible {
    var description: String { "a sealed secret does not open with this server's key" }
}
