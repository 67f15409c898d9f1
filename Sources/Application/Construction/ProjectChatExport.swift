public import Domain
public import Foundation

/// A project's whole chat, oldest first, as exported for a dispute file.
public struct ChatTranscript: Sendable {
    public let project: Project
    public let messages: [ProjectMessage]
    /// The names of the messages' authors and of the people they mention.
    public let names: [UserID: String]
    public let exportedAt: Date
    public let exportedBy: UserID
}

extension ProjectChatService {
    /// The whole chat, for whoever may read it; the export is recorded in the audit log.
    public func transcript(of id: ProjectID, as principal: Principal) async throws -> ChatTranscript {
        try AccessPolicy.require(.useProjects, by: principal)
        return try await persistence.write {
            (
                repos: any UsesAudit & UsesMemberships & UsesProjectChanges & UsesProjectChat & UsesProjectMembers
                    & UsesProjects
            ) in
            let caller = try await context.caller(id, principal, repos)
            try caller.require(.viewProject)
            let messages = try await repos.projectChat.transcript(of: id)
            var names: [UserID: String] = [:]
            for user in Set(messages.flatMap { [$0.authorID] + $0.mentions } + [principal.userID]) {
                names[user] = try await repos.memberships.member(user, in: caller.project.organizationID)?.name
            }
            try await context.audit(
                "project.chat_exported", project: caller.project, payload: ["messages": "\(messages.count)"],
                principal, repos)
            return ChatTranscript(
                project: caller.project, messages: messages, names: names, exportedAt: clock.now(),
                exportedBy: principal.userID)
        }
    }

    /// The whole chat as a document to print: the project, who exported it and when, then every
    /// message with its time, author, text and attached documents.
    public func transcriptPrint(of id: ProjectID, as principal: Principal) async throws -> PrintDocument {
        let transcript = try await transcript(of: id, as: principal)
        let project = transcript.project.details
        func name(_ user: UserID) -> String { transcript.names[user] ?? "Ancien membre" }
        var blocks: [PrintDocument.Block] = [
            .heading("Fil du chantier"),
            .table(
                PrintDocument.Table(
                    headers: ["Rubrique", "Détail"],
                    rows: [
                        ["Chantier", "\(project.name) (\(project.reference))"],
                        ["Maître d'ouvrage", project.client.name],
                        ["Messages", "\(transcript.messages.count)"],
                        [
                            "Exporté",
                            "\(PrintDocument.time(transcript.exportedAt)) par \(name(transcript.exportedBy))",
                        ],
                    ], widths: [1.8, 4.2])),
        ]
        if transcript.messages.isEmpty { blocks.append(.paragraph("Aucun message.")) }
        for message in transcript.messages {
            var line = "n° \(message.sequence) — \(PrintDocument.time(message.createdAt)) — \(name(message.authorID))"
            if !message.attachments.isEmpty {
                line += " — documents joints : " + message.attachments.map(\.description).joined(separator: ", ")
            }
            blocks += [.heading(line), .paragraph(message.body)]
        }
        return PrintDocument(
            title: "Fil du chantier \(project.reference)", blocks: blocks,
            footer: "\(project.name) — export du \(PrintDocument.time(transcript.exportedAt))")
    }
}
