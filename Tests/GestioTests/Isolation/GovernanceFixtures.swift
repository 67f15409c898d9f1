import Domain

extension IsolationFixtures {
    /// An assembly opened far enough ahead to be convened, its agenda item and an open resolution
    /// (the building, lot and owner come from co-ownership's fixture).
    static func governance(_ world: IsolationWorld) async throws {
        let building = try IsolationWorld.value(world.ids["buildings"], "building")
        let owner = try IsolationWorld.value(world.ids["owners"], "owner")
        // Answers are taken for a month from the world's today.
        let due = CalendarDate(utcDayOf: world.world.clock.now()).adding(days: 30)
        let assembly = try await world.make(
            "assemblies", "buildings/\(building)/assemblies",
            #"{"kind":"ordinary","date":"2030-06-18","start_time":"19:30","place":"Salle","chair":"Anne","secretary":"Marc"}"#,
            as: .syndic)
        let item = try await world.make(
            "agenda-items", "assemblies/\(assembly)/agenda-items", #"{"title":"Comptes","decision_type":"other"}"#,
            as: .syndic)
        try await world.expectSuccess(.post, "assemblies/\(assembly)/convene", as: .syndic)
        try await world.expectSuccess(
            .put, "assemblies/\(assembly)/attendance",
            #"{"entries":[{"owner_id":"\#(owner)","attendance":"present"}]}"#, as: .syndic)
        try await world.expectSuccess(.post, "assemblies/\(assembly)/open", as: .syndic)
        try await world.make(
            "written-decisions", "buildings/\(building)/written-decisions",
            #"{"title":"Hall","text":"Repeindre le hall","due_on":"\#(due)"}"#, as: .syndic)
        try await world.make(
            "resolutions", "agenda-items/\(item)/resolutions", #"{"text":"Approuver les comptes"}"#, as: .syndic)
    }
}
