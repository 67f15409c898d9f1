/// Each module's test-data factory for the isolation sweep: it makes, in organization A, one of
/// each resource its routes name by id, and remembers the id under the collection the route
/// names (`buildings/{id}` → `buildings`). A module whose new route names a collection that no
/// factory makes fails the sweep until it adds one here, in `<Module>Fixtures.swift`.
///
/// The order is the order of dependencies (a lot needs a building, an offer needs a taxi); a test
/// checks that the names are those of `Gestio.modules`.
enum IsolationFixtures {
    static let modules: [(name: String, make: @Sendable (IsolationWorld) async throws -> Void)] = [
        ("Identity", identity), ("CoOwnership", coOwnership), ("Finance", finance),
        ("Maintenance", maintenance), ("Dispatch", dispatch), ("Documents", documents), ("Governance", governance),
        ("FinanceOperations", financeOperations), ("LegalFile", legalFile), ("Community", community),
        ("Construction", construction), ("Inspection", inspection), ("Platform", platform),
    ]
}
