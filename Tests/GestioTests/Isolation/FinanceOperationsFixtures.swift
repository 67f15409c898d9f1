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
        try await world.make(
            "invoices", "buildings/\(building)/invoices",
            #"{"supplier_id":"\#(supplier)","charge_account":"610","invoice_date":"2026-02-10","#
                + #""due_date":"2026-03-10","net_amount":"100.00","vat_rate":"21"}"#, as: .syndic)
    }
}
