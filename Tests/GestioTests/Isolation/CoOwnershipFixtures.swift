extension IsolationFixtures {
    static func coOwnership(_ world: IsolationWorld) async throws {
        let building = try await world.make(
            "buildings", "buildings",
            #"{"name":"Résidence A","address":"Rue A 1","city":"Liège","postal_code":"4000","total_tantiemes":1000}"#,
            as: .syndic)
        let lot = try await world.make(
            "lots", "buildings/\(building)/lots", #"{"number":"A1","type":"apartment","tantiemes":600}"#, as: .syndic)
        let owner = try await world.make(
            "owners", "owners",
            try IsolationWorld.json([
                "name": "Owner A", "email": world.email(IsolationWorld.person("A", .owner)),
                "user_id": try world.userID("A", .owner),
            ]), as: .syndic)
        try await world.expectSuccess(
            .post, "lots/\(lot)/ownerships", #"{"owner_id":"\#(owner)","share":"1","start_date":"2020-01-01"}"#,
            as: .syndic)
    }
}
