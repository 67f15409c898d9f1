extension IsolationFixtures {
    static func finance(_ world: IsolationWorld) async throws {
        let building = try IsolationWorld.value(world.ids["buildings"], "building")
        try await world.make(
            "budgets", "buildings/\(building)/budgets",
            #"{"fiscal_year":2026,"ordinary_amount":"10000.00","extraordinary_amount":"0"}"#, as: .syndic)
        try await world.expectSuccess(
            .post, "buildings/\(building)/accounts", #"{"code":"610","label":"Entretien"}"#, as: .accountant)
        try await world.make(
            "journal-entries", "buildings/\(building)/journal-entries",
            #"{"journal":"ACH","type":"manual","entry_date":"2026-02-10","description":"Facture","draft":true,"#
                + #""lines":[{"account_code":"610","debit":"100.00"},{"account_code":"440","credit":"100.00"}]}"#,
            as: .accountant)
        try await world.make(
            "call-for-funds", "buildings/\(building)/call-for-funds",
            #"{"title":"T1","period":"quarterly","ordinary_amount":"3000.00","call_date":"2026-01-05","#
                + #""due_date":"2026-02-05"}"#, as: .syndic)
    }
}
