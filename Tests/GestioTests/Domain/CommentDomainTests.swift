import Domain
import Foundation
import Testing

@Suite("Comments: threads one level deep, on one subject")
struct CommentDomainTests {
    let organization = OrganizationID(UUID())
    let task = EntityLink(type: "task", id: UUID())
    let eva = UserID(UUID())
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func comment(
        _ body: String, on subject: EntityLink? = nil, replyingTo parent: Domain.Comment? = nil, at minute: Int = 0
    ) throws -> Domain.Comment {
        try Domain.Comment(
            id: CommentID(UUID()), organizationID: organization, subject: subject ?? task, replyingTo: parent,
            authorID: eva, body: body, createdAt: start.addingTimeInterval(Double(minute) * 60))
    }

    @Test("A reply to a reply joins the first comment's thread; a reply must be on the same subject")
    func replies() throws {
        let question = try comment("Quel carrelage ?")
        let answer = try comment("Le gris", replyingTo: question, at: 1)
        let thanks = try comment("Merci", replyingTo: answer, at: 2)
        #expect(question.threadID == nil)
        #expect(answer.threadID == question.id)
        #expect(thanks.threadID == question.id)
        let elsewhere = EntityLink(type: "task", id: UUID())
        #expect(throws: DomainError.invalidValue(field: "parentId", reason: "must be a comment on the same task")) {
            try comment("Ailleurs", on: elsewhere, replyingTo: question)
        }
        #expect(throws: DomainError.invalidValue(field: "body", reason: "is required")) { try comment("  ") }
        #expect(throws: DomainError.self) { try comment(String(repeating: "a", count: 4_001)) }
    }

    @Test("Threads keep the order comments were written in, each with its replies; an orphan reply is left out")
    func threads() throws {
        let first = try comment("Premier", at: 0)
        let second = try comment("Second", at: 5)
        let late = try comment("Réponse tardive", replyingTo: first, at: 9)
        let early = try comment("Réponse", replyingTo: first, at: 6)
        let orphan = try comment("Orpheline", replyingTo: try comment("Disparu", at: 1), at: 7)
        let threads = Domain.Comment.threads([first, second, early, orphan, late])
        #expect(threads.map(\.first.body) == ["Premier", "Second"])
        #expect(threads[0].replies.map(\.body) == ["Réponse", "Réponse tardive"])
        #expect(threads[1].replies.isEmpty)
    }
}
