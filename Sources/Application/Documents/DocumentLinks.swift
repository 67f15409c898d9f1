public import Domain
public import Foundation

/// An entity type documents may be linked to, registered by the module that owns it
/// (`GestioModule(documentLinks:)`): its name, the collection its routes use
/// (`/buildings/{id}/documents`), and the check that it exists and the caller may see it (the
/// module's own read use case: it throws not-found or permission-denied).
public struct DocumentLinkTarget: Sendable {
    public let type: String
    public let collection: String
    let check: @Sendable (UUID, Principal) async throws -> Void
    /// Why documents linked to this entity must be kept, when they must (a posted ledger entry).
    let retention: (@Sendable (UUID, Principal) async throws -> String?)?
    /// Who else may use the documents linked to this entity, when someone may (nil: only the
    /// roles the documents permissions grant).
    public let scoped: ScopedDocumentAccess?
    /// Told, in the transaction that does it, when a document linked to one of these entities is
    /// uploaded, gets a version or is deleted (a project's offline feed follows them).
    let changed: LinkedDocumentChanged?

    public init(
        type: String, collection: String, check: @escaping @Sendable (UUID, Principal) async throws -> Void,
        retention: (@Sendable (UUID, Principal) async throws -> String?)? = nil, scoped: ScopedDocumentAccess? = nil,
        changed: LinkedDocumentChanged? = nil
    ) {
        self.type = type
        self.collection = collection
        self.check = check
        self.retention = retention
        self.scoped = scoped
        self.changed = changed
    }
}

/// A document linked to an entity changed: the entity, the document, whether it was deleted, and
/// when. The reaction runs in the change's transaction, with its stores.
public typealias LinkedDocumentChanged =
    @Sendable (_ entity: UUID, _ document: DocumentID, _ deleted: Bool, _ at: Date, any Repositories) async throws ->
    Void

/// A rule that lets callers without the documents permissions use the documents of one entity
/// type: the photos of a resident's shared object. Whoever holds `permission` and may see the
/// entity (the target's check) reads its documents; whoever `manage` lets through (it throws its
/// reason otherwise) uploads to it, adds versions and deletes.
/// A rule that `decidesForEveryone` applies to holders of the documents permissions too: inside a
/// project, the project role decides who adds documents, whatever the organization role.
public struct ScopedDocumentAccess: Sendable {
    public let permission: Permission
    public let decidesForEveryone: Bool
    let manage: @Sendable (UUID, Principal) async throws -> Void

    public init(
        permission: Permission, decidesForEveryone: Bool = false,
        manage: @escaping @Sendable (UUID, Principal) async throws -> Void
    ) {
        self.permission = permission
        self.decidesForEveryone = decidesForEveryone
        self.manage = manage
    }
}
