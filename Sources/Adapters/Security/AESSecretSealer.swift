public import Application
import Crypto
import Foundation

/// Seals secrets kept in the database (the organizations' payment provider keys, the TOTP
/// secrets) with AES-GCM, under a key derived by HKDF from the server's key material for one
/// purpose only.
public struct AESSecretSealer: SecretSealer {
    private let key: SymmetricKey

    public init(keyMaterial: String, purpose: String = "gestio-payment-secrets") {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(keyMaterial.utf8)), info: Data(purpose.utf8), outputByteCount: 32)
    }

    public func seal(_ secret: String) throws -> String { try seal(bytes: Array(secret.utf8)) }

    public func open(_ sealed: String) throws -> String {
        guard let text = String(validating: try open(bytes: sealed), as: UTF8.self) else { throw SealingFailed() }
        return text
    }

    /// Raw bytes (a TOTP secret), as base64 of nonce, ciphertext and tag.
    func seal(bytes: [UInt8]) throws -> String {
        guard let combined = try AES.GCM.seal(bytes, using: key).combined else { throw SealingFailed() }
        return combined.base64EncodedString()
    }

    func open(bytes sealed: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw SealingFailed() }
        return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key))
    }
}
