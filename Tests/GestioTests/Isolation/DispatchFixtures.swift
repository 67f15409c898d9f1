extension IsolationFixtures {
    static func dispatch(_ world: IsolationWorld) async throws {
        let taxi = try await world.make(
            "taxis", "taxis",
            #"{"numero":"T1","plaque":"1ABC123","chauffeur_id":"\#(try world.userID("A", .chauffeur))"}"#,
            as: .dispatcher)
        try await world.make("clients", "clients", #"{"type":"hotel","nom":"Hôtel A"}"#, as: .dispatcher)
        let ride = try await world.make(
            "commandes", "commandes",
            #"{"prise_en_charge":"Gare","destination":"Aéroport","date_iso":"2030-12-02T10:00:00Z","passagers":2}"#,
            as: .dispatcher)
        // Offered to A's driver, who accepts: the offer (`demandes`) and the ride (`courses`) are theirs.
        try await world.expectSuccess(.patch, "commandes/\(ride)", #"{"taxi_id":"\#(taxi)"}"#, as: .dispatcher)
        let offers = try await world.expectSuccess(.get, "me/demandes", as: .chauffeur)
        let offer = try IsolationWorld.value(JSONPath.lookup("data[0].id", in: offers) as? String, "offer")
        world.remember("demandes", offer)
        try await world.expectSuccess(.post, "demandes/\(offer)/accept", as: .chauffeur)
        world.remember("courses", ride)
    }
}
