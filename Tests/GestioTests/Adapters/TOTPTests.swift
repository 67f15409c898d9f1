import Application
import Domain
import Foundation
import SecurityAdapters
import Testing

@Suite("Two-factor codes")
struct TOTPTests {
    /// RFC 6238 appendix B, SHA-1, shortened to 6 digits (the last six of the 8-digit values).
    @Test(
        "Codes match the RFC 6238 test vectors, leading zeros kept",
        arguments: [
            (59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"),
            (2_000_000_000, "279037"), (20_000_000_000, "353130"),
        ] as [(Int64, String)])
    func rfcVectors(time: Int64, code: String) {
        let authenticator = TOTPAuthenticator(keyMaterial: String(repeating: "k", count: 32))
        let secret = Array("12345678901234567890".utf8)
        let step = TOTPWindow.step(at: Date(timeIntervalSince1970: TimeInterval(time)))
        #expect(authenticator.code(secret: secret, step: step) == code)
    }

    @Test("A sealed secret opens only under the same key, and not once altered")
    func sealing() throws {
        let authenticator = TOTPAuthenticator(keyMaterial: "the server's key material, 32 bytes+")
        let secret = authenticator.randomBytes(20)
        let sealed = try authenticator.seal(secret)
        #expect(!sealed.contains(Base32.encode(secret)))
        #expect(try authenticator.open(sealed) == secret)
        #expect(try authenticator.seal(secret) != sealed, "a fresh nonce each time")
        #expect(throws: (any Error).self) {
            _ = try TOTPAuthenticator(keyMaterial: "another key, also at least 32 bytes").open(sealed)
        }
        var bytes = Array(Data(base64Encoded: sealed)!)
        bytes[bytes.count / 2] ^= 1
        #expect(throws: (any Error).self) { _ = try authenticator.open(Data(bytes).base64EncodedString()) }
        #expect(throws: (any Error).self) { _ = try authenticator.open("not base 64!") }
    }

    @Test("Base 32 follows RFC 4648 (without padding) both ways")
    func base32() {
        for (plain, encoded) in [
            ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
            #expect(Base32.decode(encoded.lowercased() + "======") == Array(plain.utf8))
        }
        #expect(Base32.decode("MZ1W") == nil, "1 is not in the alphabet")
    }

    @Test("A code is accepted one step early or late, and only after the last step used")
    func window() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let step = TOTPWindow.step(at: now)
        #expect(TOTPWindow.acceptableSteps(at: now, after: 0) == [step - 1, step, step + 1])
        #expect(TOTPWindow.acceptableSteps(at: now, after: step) == [step + 1])
        #expect(TOTPWindow.acceptableSteps(at: now, after: step + 1).isEmpty)
        #expect(TOTPWindow.normalized(" 123 456 ") == "123456")
        #expect(TOTPWindow.normalized("12345") == nil)
        #expect(TOTPWindow.normalized("12345a") == nil)
        #expect(TOTPWindow.normalized("١٢٣٤٥٦") == nil, "Arabic-Indic digits are not ASCII")
    }

    @Test("Backup codes read xxxxx-xxxxx and are typed in any case, with or without the dash")
    func backupCodes() {
        let code = BackupCodes.format([0xFF, 0x00, 0xAB, 0xCD, 0xEF, 0x12, 0x34, 0x56])
        #expect(code.count == 11)
        #expect(code.firstIndex(of: "-") == code.index(code.startIndex, offsetBy: 5))
        #expect(
            BackupCodes.normalized(code.uppercased())
                == BackupCodes.normalized(code.replacingOccurrences(of: "-", with: " ")))
    }
}
