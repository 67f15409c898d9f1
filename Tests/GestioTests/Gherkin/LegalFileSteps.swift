import Domain
import Foundation

extension Steps {
    /// The legal file. Requests and sections are the API's own requests in the feature files;
    /// these steps state a scenario's premise about the legal calendar, so that a due date moved
    /// past a holiday reads as what it is, and read the contractor's link from the mail sent.
    static let legalFile: [StepDefinition] = [
        StepDefinition("{string} is a Belgian public holiday") { _, arguments, _ in
            let day = try CalendarDate(parsing: arguments[0])
            try expect(LegalCalendar.belgium.isHoliday(day), "\(day) is not a Belgian public holiday")
        },
        // A section too long to write out in a feature.
        StepDefinition("I send PUT {string} with {int} lines in {string}") { world, arguments, _ in
            let lines = Array(repeating: #"{"description": "Ligne", "amount": "1.00"}"#, count: Int(arguments[1])!)
            _ = try await world.send(
                .put, try world.interpolate(arguments[0]),
                json: #"{"\#(arguments[2])": [\#(lines.joined(separator: ","))]}"#)
        },
        StepDefinition("I remember the contractor link mailed to {string} as {string}") { world, arguments, _ in
            let (mine, _) = try outbox(world, to: arguments[0])
            let marker = "/contractor/work-reports/"
            let tokens = mine.compactMap { message -> String? in
                guard let start = message.range(of: marker) else { return nil }
                return String(message[start.upperBound...].prefix { !$0.isWhitespace })
            }
            guard tokens.count == 1, let token = tokens.first else {
                throw StepFailure("\(tokens.count) contractor links were mailed to \(arguments[0]), not one")
            }
            world.variables[arguments[1]] = token
        },
        StepDefinition("I remember the contractor link of the response as {string}") { world, arguments, _ in
            guard let url = JSONPath.lookup("contractor_url", in: try world.lastJSON()) as? String,
                let token = url.split(separator: "/").last
            else { throw StepFailure("the answer has no contractor_url") }
            world.variables[arguments[0]] = String(token)
        },
    ]
}
