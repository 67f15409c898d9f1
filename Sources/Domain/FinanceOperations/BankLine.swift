public import Foundation

public typealias BankStatementID = Identifier<BankStatement>
public typealias BankLineID = Identifier<BankLine>

/// A bank statement imported for a building: once per account and statement number.
public struct BankStatement: Sendable, Equatable {
    public let id: BankStatementID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let format: BankStatementFile.Format
    public let account: String
    public let number: String
    public let date: CalendarDate
    public let openingBalance: Money
    public let closingBalance: Money
    public let importedAt: Date

    public init(
        id: BankStatementID, organizationID: OrganizationID, buildingID: BuildingID, format: BankStatementFile.Format,
        account: String, number: String, date: CalendarDate, openingBalance: Money, closingBalance: Money,
        importedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.format = format
        self.account = account
        self.number = number
        self.date = date
        self.openingBalance = openingBalance
        self.closingBalance = closingBalance
        self.importedAt = importedAt
    }
}

/// One movement of an imported statement and what became of it.
public struct BankLine: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Paid a contribution named by its structured communication: booked.
        case matched
        /// Booked against the one open contribution of the owner who paid from this account
        /// before, for exactly what it asks: to be checked by the syndic.
        case review
        /// Waiting for the syndic to assign it.
        case unmatched
        /// Assigned by the syndic: booked.
        case assigned
        /// Money going out: not an owner's payment.
        case debit
    }

    public let id: BankLineID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public let statementID: BankStatementID
    public let movement: BankStatementFile.Movement
    public private(set) var status: Status
    public private(set) var ownerID: OwnerID?
    public private(set) var callID: CallForFundsID?
    /// Why it was not matched, or how it was.
    public private(set) var note: String?

    public init(
        id: BankLineID, organizationID: OrganizationID, buildingID: BuildingID, statementID: BankStatementID,
        movement: BankStatementFile.Movement, status: Status, ownerID: OwnerID? = nil, callID: CallForFundsID? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.statementID = statementID
        self.movement = movement
        self.status = status
        self.ownerID = ownerID
        self.callID = callID
        self.note = note
    }

    /// The syndic assigns an unmatched credit to an owner's contribution.
    public mutating func assign(to owner: OwnerID, call: CallForFundsID) throws {
        guard status == .unmatched else {
            throw DomainError.illegalTransition(
                entity: "bank_line", from: status.rawValue, to: Status.assigned.rawValue)
        }
        status = .assigned
        ownerID = owner
        callID = call
        note = nil
    }
}
