extension IsolationFixtures {
    static func maintenance(_ world: IsolationWorld) async throws {
        let equipment = try await world.make(
            "equipements", "equipements", #"{"code":"ASC-01","name":"Ascenseur","category":"ascenseur"}"#,
            as: .responsable)
        let technician = try await world.make(
            "techniciens", "techniciens",
            #"{"user_id":"\#(try world.userID("A", .technicien))","hourly_rate":"48.00","competences":["ascenseur"]}"#,
            as: .responsable)
        let intervention = try await world.make(
            "interventions", "interventions",
            #"{"title":"Ascenseur bloqué","type":"corrective","priority":"haute","equipement_id":"\#(equipment)"}"#,
            as: .responsable)
        // Assigned, so the technician has a notification (the platform's fixture takes it).
        try await world.expectSuccess(
            .post, "interventions/\(intervention)/assign", #"{"technicien_id":"\#(technician)"}"#, as: .responsable)
        try await world.make(
            "plannings", "plannings",
            #"{"equipement_id":"\#(equipment)","title":"Contrôle","frequency":{"every":1,"unit":"months"},"#
                + #""next_date":"2026-03-01"}"#, as: .responsable)
    }
}
