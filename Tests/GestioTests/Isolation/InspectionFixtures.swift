import Foundation

extension IsolationFixtures {
    /// A centre of organization A open around the clock (on UTC time, holidays too) with a lane
    /// and a service, its inspector's schedule there, a vehicle its booking in two days, and another checked in and being inspected.
    static func inspection(_ world: IsolationWorld) async throws {
        let always = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map {
            "\"\($0)\":[\"00:00-24:00\"]"
        }.joined(separator: ",")
        let centre = try await world.make(
            "centres", "centres",
            #"{"name":"Contrôle Ixelles","slug":"ixelles-\#(UUID().uuidString.prefix(8).lowercased())","address":"Chaussée de Boondael 1, 1050 Ixelles","time_zone":"UTC","closed_on_public_holidays":false,"hours":{\#(always)}}"#
        )
        try await world.expectSuccess(.post, "centres/\(centre)/lanes", #"{"name":"Piste 1","categories":["M1"]}"#)
        let service = try IsolationWorld.value(
            JSONPath.lookup(
                "id",
                in: try await world.expectSuccess(
                    .post, "centres/\(centre)/services",
                    #"{"name":"Contrôle périodique","durations":{"M1":30},"price":"45.50"}"#)) as? String, "service")
        let inspector = try world.userID("A", .inspector)
        try await world.expectSuccess(
            .put, "inspectors/\(inspector)/schedule",
            #"{"centre_id":"\#(centre)","hours":{\#(always)},"categories":["M1"]}"#)
        world.remember("inspectors", inspector)
        let vehicle = try await world.make(
            "vehicles", "vehicles",
            #"{"plate":"1-ABC-234","category":"M1","owner":{"name":"Marc Dubois","email":"marc@example.com"}}"#)
        let hour = (world.world.clock.now().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let start = Date(timeIntervalSince1970: hour + 2 * 86_400).formatted(.iso8601)
        let booked = try await world.make(
            "appointments", "appointments",
            #"{"centre_id":"\#(centre)","service_id":"\#(service)","vehicle_id":"\#(vehicle)","slot_start":"\#(start)"}"#
        )
        try await world.make(
            "conversations", "assistant/conversations", #"{"centre_id":"\#(centre)"}"#, as: .customer)
        // Payments: the centre's VAT number, the organization's provider keys, and cash at the desk.
        try await world.expectSuccess(.put, "centres/\(centre)/booking-policy", #"{"vat_number":"BE0403170701"}"#)
        try await world.expectSuccess(
            .put, "payment-provider", #"{"secret_key":"sk_test_isolation_4242","webhook_secret":"whsec_isolation"}"#)
        try await world.make("payments", "appointments/\(booked)/payments", #"{"method":"cash"}"#)
        // A second booking, an hour later, checked in and being inspected.
        let later = Date(timeIntervalSince1970: hour + 2 * 86_400 + 3600).formatted(.iso8601)
        let inspected = try IsolationWorld.value(
            JSONPath.lookup(
                "id",
                in: try await world.expectSuccess(
                    .post, "appointments",
                    #"{"centre_id":"\#(centre)","service_id":"\#(service)","vehicle_id":"\#(vehicle)","slot_start":"\#(later)"}"#
                )) as? String, "booking")
        try await world.expectSuccess(.post, "appointments/\(inspected)/check-in")
        try await world.make(
            "vehicle-inspections", "vehicle-inspections", #"{"appointment_id":"\#(inspected)","mileage":84000}"#,
            as: .inspector)
    }
}
