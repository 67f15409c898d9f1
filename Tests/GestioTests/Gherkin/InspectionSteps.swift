import Foundation

extension Steps {
    /// The vehicle inspection centre. The requests are the API's own in the feature files; this
    /// step plans an inspector's week as the centre's admin would.
    static let inspection: [StepDefinition] = [
        // Every weekday (Monday to Friday) the same span; categories comma-separated.
        StepDefinition(
            "the inspector {string} works at the centre {string} on weekdays {string}, certified for {string}"
        ) {
            world, arguments, _ in
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday"]
            let hours = Dictionary(uniqueKeysWithValues: days.map { ($0, [arguments[2]]) })
            let body: [String: Any] = [
                "centre_id": try variable(world, arguments[1]), "hours": hours,
                "categories": arguments[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            ]
            let response = try await world.send(
                .put, "/api/v1/inspectors/\(try variable(world, "\(arguments[0]).id"))/schedule",
                json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self),
                as: world.currentPerson)
            try expect(response.status.code == 200, "schedule of \(arguments[0]): \(String(buffer: response.body))")
        }
    ]
}
