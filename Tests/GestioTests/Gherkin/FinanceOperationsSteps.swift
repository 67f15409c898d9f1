import Foundation

extension Steps {
    /// The syndic's weekly money work. Invoices, suppliers and settings are sent as the API's own
    /// requests in the feature files; these steps only read what a plain comparison cannot.
    static let financeOperations: [StepDefinition] = [
        // A confidence (0…1) read from a scan: its exact figure depends on the OCR engine.
        StepDefinition("the response field {string} is a confidence above {number}") { world, arguments, _ in
            let value = JSONPath.lookup(arguments[0], in: try world.lastJSON())
            guard let confidence = value as? Double, let floor = Double(arguments[1]) else {
                throw StepFailure("\(arguments[0]) is \(JSONPath.render(value)), not a number")
            }
            try expect(
                confidence > floor && confidence <= 1, "\(arguments[0]) is \(confidence), not in (\(floor), 1]")
        }
    ]
}
