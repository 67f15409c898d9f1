import Domain
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

    public init(
        type: String, collection: String, check: @escaping @Sendable (UUID, Principal) async throws -> Void,
        retention: (@Sendable (UUID, Principal) async throws -> String?)? = nil, scoped: ScopedDocumentAccess? = nil
    ) {
        self.type = type
        self.collection = collection
        self.check = check
        self.retention = retention
        self.scoped = scoped
    }
}

/// A rule that lets callers without the documents permissions use the documents of one entity
/// type: the photos of a resident's shared object. Whoever holds `permission` and may see the
/// entity (the target's check) reads its documents; whoever `manage` lets through (it throws its
/// reason otherwise) uploads to it, adds versions and deletes.
public struct ScopedDocumentAccess: Sendable {
    public let permission: Permission
    let manage: @Sendable (UUID, Principal) async throws -> Void

    public init(permission: Permission, manage: @escaping @Sendable (UUID, Principal) async throws -> Void) {
        self.permission = permission
        self.manage = manage
    }
}
