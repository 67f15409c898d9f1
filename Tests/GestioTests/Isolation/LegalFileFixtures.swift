extension IsolationFixtures {
    /// A notary's request for the état daté of the building's lot, a regulated inspection of a
    /// lift of the building, and a work report of the organization's supplier.
    static func legalFile(_ world: IsolationWorld) async throws {
        let lot = try IsolationWorld.value(world.ids["lots"], "lot")
        try await world.make(
            "etats-dates", "lots/\(lot)/etats-dates",
            #"{"kind":"notary","requester":{"role":"notary","name":"Maître Dubois","email":"notaire@example.com"},"#
                + #""reference_date":"2026-05-15"}"#, as: .syndic)
        let building = try IsolationWorld.value(world.ids["buildings"], "building")
        let lift = try await world.make(
            "equipements", "equipements", #"{"code":"ASC-B1","name":"Ascenseur","building_id":"\#(building)"}"#)
        try await world.make(
            "technical-inspections", "buildings/\(building)/technical-inspections",
            #"{"type":"lift","equipement_id":"\#(lift)","due_on":"2026-09-30"}"#, as: .syndic)
        let supplier = try IsolationWorld.value(world.ids["suppliers"], "supplier")
        try await world.make(
            "work-reports", "buildings/\(building)/work-reports",
            #"{"supplier_id":"\#(supplier)","work_kind":"Remplacement des câbles","send_link":false}"#, as: .syndic)
    }
}
