extension IsolationFixtures {
    static func platform(_ world: IsolationWorld) async throws {
        let notifications = try await world.expectSuccess(.get, "notifications", as: .technicien)
        world.remember(
            "notifications",
            try IsolationWorld.value(JSONPath.lookup("data[0].id", in: notifications) as? String, "notification"))
        // Someone in A asks to be forgotten (the request waits for A's admin).
        let erasure = try await world.expectSuccess(.post, "me/erasure-request", as: .contractor)
        world.remember(
            "erasure-requests",
            try IsolationWorld.value(JSONPath.lookup("id", in: erasure) as? String, "erasure request"))
        let owner = try IsolationWorld.value(world.ids["owners"], "owner")
        try await world.make(
            "consents", "owners/\(owner)/consents", #"{"purpose":"convocations_by_email","text_version":"v1"}"#,
            as: .syndic)
    }
}
