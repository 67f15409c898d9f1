extension IsolationFixtures {
    /// A supplier and a draft invoice of the building (its charge account 610 comes from
    /// finance's fixture).
    static func financeOperations(_ world: IsolationWorld) async throws {
        let building = try IsolationWorld.value(world.ids["buildings"], "building")
        let lot = try IsolationWorld.value(world.ids["lots"], "lot")
        try await world.make(
            "charge-keys", "buildings/\(building)/charge-keys",
            #"{"name":"Ascenseur","weights":[{"lot_id":"\#(lot)","weight":300}],"accounts":["6101"]}"#, as: .syndic)
        let supplier = try await world.make(
            "suppliers", "suppliers", #"{"name":"Plomberie Dubois","vat_number":"BE0854541096"}"#, as: .syndic)
        // A statement whose one credit (no communication) waits on the unmatched list.
        let file = try TestCODA.file(
            number: "1", opening: "0.00",
            movements: [
                TestCODA.Movement(
                    date: "2026-01-20", amount: "10.00", name: "Anne", iban: "BE71096123456769", communication: "")
            ])
        let imported = try await world.expectSuccess(.post, "buildings/\(building)/bank-statements", file, as: .syndic)
        world.remember(
            "bank-statements",
            try IsolationWorld.value(JSONPath.lookup("statement.id", in: imported) as? String, "statement"))
        world.remember(
            "bank-lines", try IsolationWorld.value(JSONPath.lookup("lines[0].id", in: imported) as? String, "line"))
        try await world.make(
            "invoices", "buildings/\(building)/invoices",
            #"{"supplier_id":"\#(supplier)","charge_account":"610","invoice_date":"2026-02-10","#
                + #""due_date":"2026-03-10","net_amount":"100.00","vat_rate":"21"}"#, as: .syndic)
    }
}
