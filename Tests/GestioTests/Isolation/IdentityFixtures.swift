extension IsolationFixtures {
    static func identity(_ world: IsolationWorld) async throws {
        world.remember("organizations", try world.organizationID("A"))
        world.remember("users", try world.userID("A", .technicien))
        let sessions = try await world.expectSuccess(.get, "auth/sessions", as: .technicien)
        world.remember(
            "sessions", try IsolationWorld.value(JSONPath.lookup("data[0].id", in: sessions) as? String, "session"))
    }
}
