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

    public init(
        type: String, collection: String, check: @escaping @Sendable (UUID, Principal) async throws -> Void,
        retention: (@Sendable (UUID, Principal) async throws -> String?)? = nil
    ) {
        self.type = type
        self.collection = collection
        self.check = check
        self.retention = retention
    }
}
