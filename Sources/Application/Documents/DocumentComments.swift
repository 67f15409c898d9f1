import Domain
import Foundation

extension DocumentsService {
    /// Documents may be commented on by whoever may read them. The people a comment may name are
    /// the organization's members whose role reads documents; of those named, only those who may
    /// read this document (the same check as theirs, with their roles) are told.
    public var commentSubjects: [CommentSubject] {
        [
            CommentSubject(
                type: "document", collection: "documents",
                open: { id, principal, _ in
                    let document = try await self.document(DocumentID(id), as: principal).document
                    let readers = AccessPolicy.rules[.readDocuments] ?? []
                    let people = try await persistence.read { (repos: any UsesMemberships) in
                        var people: [(id: UserID, name: String)] = []
                        var page = 1
                        while true {
                            let found = try await repos.memberships.members(
                                of: document.organizationID,
                                page: try PageRequest(page: page, perPage: PageRequest.maximumPerPage))
                            people += found.items.filter { !$0.roles.isDisjoint(with: readers) }
                                .map { ($0.user.id, $0.name) }
                            guard found.items.count == PageRequest.maximumPerPage else { return people }
                            page += 1
                        }
                    }
                    return CommentAudience(
                        organizationID: document.organizationID, title: "le document « \(document.title) »",
                        people: people)
                },
                readers: { id, organization, named in
                    var readers: Set<UserID> = []
                    for user in named {
                        let member = try await persistence.read { (repos: any UsesMemberships) in
                            try await repos.memberships.member(user, in: organization)
                        }
                        guard let member else { continue }
                        let principal = Principal(userID: user, organizationID: organization, roles: member.roles)
                        if (try? await self.document(DocumentID(id), as: principal)) != nil { readers.insert(user) }
                    }
                    return readers
                })
        ]
    }
}
