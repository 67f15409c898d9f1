import Foundation

/// An account of a building's chart: a PCMN code, a label, its class (1–7) and its nature.
public struct Account: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case asset, liability, expense, revenue
    }

    /// An account of the default chart, before it belongs to a building.
    public struct Template: Sendable, Equatable {
        public let code: String
        public let label: String
        public let accountClass: Int
        public let kind: Kind

        public init(_ code: String, _ label: String, _ accountClass: Int, _ kind: Kind) {
            self.code = code
            self.label = label
            self.accountClass = accountClass
            self.kind = kind
        }
    }

    public let buildingID: BuildingID
    public let code: String
    public let label: String
    public let accountClass: Int
    public let kind: Kind

    public init(buildingID: BuildingID, code rawCode: String, label: String, kind: Kind) throws {
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 10, code.allSatisfy({ $0.isASCII && $0.isNumber }),
            let first = code.first?.wholeNumberValue, (1...7).contains(first)
        else {
            throw DomainError.invalidValue(field: "code", reason: "must be a PCMN code of digits starting with 1 to 7")
        }
        self.buildingID = buildingID
        self.code = code
        self.label = try Text.required(label, field: "label")
        self.accountClass = first
        self.kind = kind
    }

    public init(buildingID: BuildingID, template: Template) {
        self.buildingID = buildingID
        self.code = template.code
        self.label = template.label
        self.accountClass = template.accountClass
        self.kind = template.kind
    }
}

/// The chart every new building starts with.
public enum ChartOfAccounts {
    public static func seed(for building: BuildingID) -> [Account] {
        pcmn.map { Account(buildingID: building, template: $0) }
    }
}
