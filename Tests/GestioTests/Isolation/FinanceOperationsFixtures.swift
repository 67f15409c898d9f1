import Domain
import Foundation

extension IsolationFixtures {
    /// A supplier and a draft invoice of the building (its charge account 610 comes from
    /// finance's fixture), a bank statement, and a dues reminder in a second building whose one
    /// lot is the owner's and whose call fell due 30 days ago.
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
        try await duesReminder(world)
    }

    private static func duesReminder(_ world: IsolationWorld) async throws {
        let owner = try IsolationWorld.value(world.ids["owners"], "owner")
        let building = try IsolationWorld.value(
            JSONPath.lookup(
                "id",
                in: try await world.expectSuccess(
                    .post, "buildings",
                    #"{"name":"Résidence R","address":"Rue R 1","city":"Liège","postal_code":"4000","#
                        + #""total_tantiemes":100}"#, as: .syndic)) as? String, "building")
        let lot = try IsolationWorld.value(
            JSONPath.lookup(
                "id",
                in: try await world.expectSuccess(
                    .post, "buildings/\(building)/lots", #"{"number":"R1","type":"apartment","tantiemes":100}"#,
                    as: .syndic)) as? String, "lot")
        try await world.expectSuccess(
            .post, "lots/\(lot)/ownerships", #"{"owner_id":"\#(owner)","share":"1","start_date":"2020-01-01"}"#,
            as: .syndic)
        let today = CalendarDate(utcDayOf: world.world.clock.now())
        let call = try IsolationWorld.value(
            JSONPath.lookup(
                "id",
                in: try await world.expectSuccess(
                    .post, "buildings/\(building)/call-for-funds",
                    #"{"title":"T0","period":"quarterly","ordinary_amount":"100.00","#
                        + #""call_date":"\#(today.adding(days: -60))","due_date":"\#(today.adding(days: -30))"}"#,
                    as: .syndic)) as? String, "call")
        try await world.expectSuccess(.put, "call-for-funds/\(call)/send", as: .syndic)
        try await world.make(
            "dues-reminders", "buildings/\(building)/dues-reminders",
            #"{"call_id":"\#(call)","owner_id":"\#(owner)"}"#, as: .syndic)
    }
}
