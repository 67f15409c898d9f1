import Domain
import Foundation
import Testing

@Suite("Construction chat: a message's checks, and whom an @ names, in the order named")
struct ProjectChatDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let eva = UserID(UUID())
    let arno = UserID(UUID())
    let marc = UserID(UUID())
    let marcel = UserID(UUID())

    func message(_ body: String, attachments: Int = 0, sequence: Int = 1) throws -> ProjectMessage {
        try ProjectMessage(
            id: ProjectMessageID(UUID()), projectID: ProjectID(UUID()), organizationID: OrganizationID(UUID()),
            sequence: sequence, authorID: eva, body: body, mentions: [arno, arno],
            attachments: (0..<attachments).map { _ in DocumentID(UUID()) }, createdAt: now)
    }

    @Test("A message's text is trimmed, required and bounded; attachments are bounded; mentions are kept once")
    func checks() throws {
        #expect(try message("  Béton demain  ").body == "Béton demain")
        #expect(try message("Béton").mentions == [arno])
        #expect(throws: DomainError.invalidValue(field: "body", reason: "is required")) { try message(" \n ") }
        #expect(throws: DomainError.self) { try message(String(repeating: "é", count: 4_001)) }
        #expect(try message(String(repeating: "é", count: 4_000)).body.count == 4_000)
        #expect(throws: DomainError.self) { try message("Plans", attachments: 11) }
        #expect(try message("Plans", attachments: 10).attachments.count == 10)
        #expect(throws: DomainError.self) { try message("Zéro", sequence: 0) }
    }

    @Test("@ names a member by full name, or by a first name no one else has, ignoring case and accents")
    func mentions() {
        let people: [(id: UserID, name: String)] = [
            (eva, "Éva Lambert"), (arno, "Arno"), (marc, "Marc Dupont"), (marcel, "Marcel Dupont"),
        ]
        #expect(Mentions.named(in: "@eva tu vérifies ?", among: people) == [eva])
        #expect(Mentions.named(in: "Merci @ARNO, et @Éva Lambert", among: people) == [arno, eva])
        // "@Marc" is a whole name only: it does not name Marcel, and Marcel's does not name Marc.
        #expect(Mentions.named(in: "@Marc, tu passes ?", among: people) == [marc])
        #expect(Mentions.named(in: "@Marcel tu passes ?", among: people) == [marcel])
        #expect(Mentions.named(in: "@Marc Dupont et @marcel dupont", among: people) == [marc, marcel])
        #expect(Mentions.named(in: "arno sans arobase, @Arnold, @ Arno", among: people) == [])
        #expect(Mentions.named(in: "", among: people) == [])
        // Two members share a first name: only the full name names either of them.
        let twins: [(id: UserID, name: String)] = [(marc, "Marc Dupont"), (marcel, "Marc Lenoir")]
        #expect(Mentions.named(in: "@Marc ?", among: twins) == [])
        #expect(Mentions.named(in: "@marc lenoir !", among: twins) == [marcel])
    }
}
