public import Application
import Crypto
import Foundation

/// Seals secrets kept in the database (the organizations' payment provider keys) with AES-GCM,
/// under a key derived by HKDF from the server's key material for this purpose only.
public struct AESSecretSealer: SecretSealer {
    private let key: SymmetricKey

    public init(keyMaterial: String, purpose: String = "gestio-payment-secrets") {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(keyMaterial.utf8)), info: Data(purpose.utf8), outputByteCount: 32)
    }

    public func seal(_ secret: String) throws -> String {
        guard let combined = try AES.GCM.seal(Data(secret.utf8), using: key).combined else { throw SealingFailed() }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed),
            let text = String(data: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), encoding: .utf8)
        else { throw SealingFailed() }
        return text
    }
}
