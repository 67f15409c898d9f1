public import Foundation

public typealias PurchaseInvoiceID = Identifier<PurchaseInvoice>

/// A VAT rate in hundredths of a percent (21 % is 2100), from 0 to 100 %: the Belgian rates 0,
/// 6, 12 and 21, or any other a supplier abroad charged.
public struct VATRate: Sendable, Hashable, CustomStringConvertible {
    public let basisPoints: Int

    public static let belgian: [VATRate] = [0, 600, 1200, 2100].map { VATRate(validated: $0) }

    private init(validated basisPoints: Int) { self.basisPoints = basisPoints }

    public init(basisPoints: Int, field: String = "vatRate") throws {
        guard (0...10_000).contains(basisPoints) else {
            throw DomainError.invalidValue(field: field, reason: "must be between 0 and 100")
        }
        self.basisPoints = basisPoints
    }

    /// `21`, `21.00`, `5.5`, `12,25` (a percentage with at most two decimals).
    public init(parsing raw: String, field: String = "vatRate") throws {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...3).contains(parts[0].count),
            parts.count == 1 || (1...2).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let whole = Int(parts[0])
        else {
            throw DomainError.invalidValue(field: field, reason: "must be a percentage such as 21 or 5.5")
        }
        let decimals = parts.count == 2 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
        try self.init(basisPoints: whole * 100 + (Int(decimals) ?? 0), field: field)
    }

    /// The VAT on a net amount, rounded to the nearest cent (a half cent up), in exact integers.
    public func vat(on net: Money) -> Money {
        // net is at most 10^14 cents and the rate at most 10^4: the product fits in Int64.
        let product = net.minorUnits * Int64(basisPoints)
        return Money(minorUnits: (product + 5_000) / 10_000, currency: net.currency)
    }

    /// `21`, `5.5`, `12.25`.
    public var description: String {
        let whole = basisPoints / 100
        let cents = basisPoints % 100
        if cents == 0 { return String(whole) }
        return cents % 10 == 0 ? "\(whole).\(cents / 10)" : "\(whole).\(cents < 10 ? "0" : "")\(cents)"
    }
}

/// A supplier's invoice to a building: drafted (by hand or from a scan), submitted, approved by
/// the syndic (and a board member above the building's threshold), booked in the purchases
/// journal when approved, and paid through the bank.
public struct PurchaseInvoice: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case draft
        case pendingApproval = "pending_approval"
        case approved, rejected, paid
    }

    public enum Category: String, Sendable, CaseIterable {
        case maintenance, repairs, insurance, utilities, cleaning, administration, works, other
    }

    /// Ordinary charges are running costs; extraordinary ones are works and exceptional spending.
    public enum Nature: String, Sendable, CaseIterable {
        case ordinary, extraordinary
    }

    /// Who approves: the syndic always; a board member too above the building's threshold.
    public enum Approver: String, Sendable {
        case syndic, board
    }

    public struct Approval: Sendable, Equatable {
        public let userID: UserID
        public let at: Date

        public init(userID: UserID, at: Date) {
            self.userID = userID
            self.at = at
        }
    }

    /// A posted entry of the invoice: its id and number (`ACH-2026-000012`).
    public struct Booking: Sendable, Equatable {
        public let entryID: JournalEntryID
        public let number: String

        public init(entryID: JournalEntryID, number: String) {
            self.entryID = entryID
            self.number = number
        }
    }

    /// The accounts the bookings use (PCMN): suppliers, VAT to recover, the bank.
    public static let suppliersAccount = "440"
    public static let recoverableVATAccount = "411"
    public static let bankAccount = "550"

    public let id: PurchaseInvoiceID
    public let organizationID: OrganizationID
    public let buildingID: BuildingID
    public private(set) var supplierID: SupplierID?
    /// The supplier's own number for the invoice.
    public private(set) var number: String?
    public private(set) var category: Category
    public private(set) var chargeAccount: String?
    public private(set) var invoiceDate: CalendarDate?
    public private(set) var dueDate: CalendarDate?
    public private(set) var netAmount: Money?
    public private(set) var vatRate: VATRate?
    public private(set) var nature: Nature
    /// The key that spreads it; nil: the charge account's default key, else the tantièmes.
    public private(set) var chargeKeyID: ChargeKeyID?
    public private(set) var documentID: DocumentID?
    public private(set) var description: String?
    public private(set) var status: Status
    public private(set) var rejectionReason: String?
    public private(set) var syndicApproval: Approval?
    public private(set) var boardApproval: Approval?
    /// Whether the last submission or approval found that a board member must approve too.
    public private(set) var boardApprovalRequired: Bool
    public private(set) var purchaseBooking: Booking?
    public private(set) var paymentBooking: Booking?
    public private(set) var paidOn: CalendarDate?
    /// What the documents module read from the scan this draft was made from, with confidences.
    public let extracted: [ExtractedField]
    public let createdAt: Date
    public private(set) var updatedAt: Date

    /// The VAT, computed from the net amount and the rate.
    public var vat: Money? {
        guard let netAmount, let vatRate else { return nil }
        return vatRate.vat(on: netAmount)
    }

    public var total: Money? {
        guard let netAmount, let vat else { return nil }
        return Money(minorUnits: netAmount.minorUnits + vat.minorUnits, currency: netAmount.currency)
    }

    public init(
        id: PurchaseInvoiceID, organizationID: OrganizationID, buildingID: BuildingID, category: Category = .other,
        nature: Nature = .ordinary, extracted: [ExtractedField] = [], createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.category = category
        self.nature = nature
        self.status = .draft
        self.boardApprovalRequired = false
        self.extracted = extracted
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Every stored field, for repositories.
    public init(
        id: PurchaseInvoiceID, organizationID: OrganizationID, buildingID: BuildingID, supplierID: SupplierID?,
        number: String?, category: Category, chargeAccount: String?, invoiceDate: CalendarDate?, dueDate: CalendarDate?,
        netAmount: Money?, vatRate: VATRate?, nature: Nature, chargeKeyID: ChargeKeyID?, documentID: DocumentID?,
        description: String?,
        status: Status, rejectionReason: String?, syndicApproval: Approval?, boardApproval: Approval?,
        boardApprovalRequired: Bool, purchaseBooking: Booking?, paymentBooking: Booking?, paidOn: CalendarDate?,
        extracted: [ExtractedField], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.buildingID = buildingID
        self.supplierID = supplierID
        self.number = number
        self.category = category
        self.chargeAccount = chargeAccount
        self.invoiceDate = invoiceDate
        self.dueDate = dueDate
        self.netAmount = netAmount
        self.vatRate = vatRate
        self.nature = nature
        self.chargeKeyID = chargeKeyID
        self.documentID = documentID
        self.description = description
        self.status = status
        self.rejectionReason = rejectionReason
        self.syndicApproval = syndicApproval
        self.boardApproval = boardApproval
        self.boardApprovalRequired = boardApprovalRequired
        self.purchaseBooking = purchaseBooking
        self.paymentBooking = paymentBooking
        self.paidOn = paidOn
        self.extracted = extracted
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// A change as a client sends it: nil leaves a field as it is, `.some(nil)` clears it.
    public struct Changes: Sendable {
        public var supplierID: SupplierID??
        public var number: String??
        public var category: Category?
        public var chargeAccount: String??
        public var invoiceDate: CalendarDate??
        public var dueDate: CalendarDate??
        public var netAmount: Money??
        public var vatRate: VATRate??
        public var nature: Nature?
        public var chargeKeyID: ChargeKeyID??
        public var documentID: DocumentID??
        public var description: String??

        public init() {}
    }

    /// Edits a draft, or a rejected invoice before it is submitted again.
    public mutating func apply(_ changes: Changes, at now: Date) throws {
        guard status == .draft || status == .rejected else { throw FinanceOperationsError.notEditable(status) }
        if let supplierID = changes.supplierID { self.supplierID = supplierID }
        if let number = changes.number { self.number = try Text.optional(number, field: "number", maximum: 100) }
        if let category = changes.category { self.category = category }
        if let account = changes.chargeAccount { chargeAccount = try account.map(Self.chargeAccount) }
        if let invoiceDate = changes.invoiceDate { self.invoiceDate = invoiceDate }
        if let dueDate = changes.dueDate { self.dueDate = dueDate }
        if let net = changes.netAmount {
            if let net, net.minorUnits <= 0 {
                throw DomainError.invalidValue(field: "netAmount", reason: "must be more than 0")
            }
            netAmount = net
        }
        if let rate = changes.vatRate { vatRate = rate }
        if let nature = changes.nature { self.nature = nature }
        if let key = changes.chargeKeyID { chargeKeyID = key }
        if let documentID = changes.documentID { self.documentID = documentID }
        if let description = changes.description {
            self.description = try Text.optional(description, field: "description", maximum: 1000)
        }
        if let invoiceDate, let dueDate, dueDate < invoiceDate {
            throw DomainError.invalidValue(field: "dueDate", reason: "must not be before the invoice date")
        }
        updatedAt = now
    }

    /// A charge account: a PCMN code of class 6.
    static func chargeAccount(_ raw: String) throws -> String {
        let code = raw.trimmingCharacters(in: .whitespaces)
        guard (1...10).contains(code.count), code.first == "6", code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError.invalidValue(field: "chargeAccount", reason: "must be a charge account (class 6)")
        }
        return code
    }

    /// Sends a complete draft (or a corrected rejected invoice) for approval; the reason of a
    /// rejection and any earlier approval are cleared.
    public mutating func submit(boardApprovalRequired: Bool, at now: Date) throws {
        guard status == .draft || status == .rejected else {
            throw DomainError.illegalTransition(
                entity: "invoice", from: status.rawValue, to: Status.pendingApproval.rawValue)
        }
        let missing: [(String, Bool)] = [
            ("supplierId", supplierID == nil), ("chargeAccount", chargeAccount == nil),
            ("invoiceDate", invoiceDate == nil), ("dueDate", dueDate == nil), ("netAmount", netAmount == nil),
            ("vatRate", vatRate == nil),
        ]
        if let field = missing.first(where: \.1)?.0 {
            throw DomainError.invalidValue(field: field, reason: "is required before the invoice is submitted")
        }
        status = .pendingApproval
        rejectionReason = nil
        syndicApproval = nil
        boardApproval = nil
        self.boardApprovalRequired = boardApprovalRequired
        updatedAt = now
    }

    /// Records one approval; true when the invoice is now approved (the syndic's, and a board
    /// member's where one is required) and must be booked.
    public mutating func approve(as approver: Approver, by user: UserID, boardApprovalRequired: Bool, at now: Date)
        throws -> Bool
    {
        guard status == .pendingApproval else {
            throw DomainError.illegalTransition(entity: "invoice", from: status.rawValue, to: Status.approved.rawValue)
        }
        self.boardApprovalRequired = boardApprovalRequired
        switch approver {
        case .syndic:
            guard syndicApproval == nil else { throw FinanceOperationsError.alreadyApproved(approver) }
            syndicApproval = Approval(userID: user, at: now)
        case .board:
            guard boardApprovalRequired else { throw FinanceOperationsError.boardApprovalNotRequired }
            guard boardApproval == nil else { throw FinanceOperationsError.alreadyApproved(approver) }
            boardApproval = Approval(userID: user, at: now)
        }
        updatedAt = now
        guard syndicApproval != nil, !boardApprovalRequired || boardApproval != nil else { return false }
        status = .approved
        return true
    }

    public mutating func reject(reason: String, at now: Date) throws {
        guard status == .pendingApproval else {
            throw DomainError.illegalTransition(entity: "invoice", from: status.rawValue, to: Status.rejected.rawValue)
        }
        rejectionReason = try Text.required(reason, field: "reason", maximum: 1000)
        status = .rejected
        updatedAt = now
    }

    public mutating func booked(_ booking: Booking) { purchaseBooking = booking }

    public mutating func pay(on day: CalendarDate, booking: Booking, at now: Date) throws {
        guard status == .approved else {
            throw DomainError.illegalTransition(entity: "invoice", from: status.rawValue, to: Status.paid.rawValue)
        }
        status = .paid
        paidOn = day
        paymentBooking = booking
        updatedAt = now
    }

    /// The purchases journal's entry for the approved invoice: the charge account debited, the
    /// supplier credited with the total. VAT goes to 411 only where the association recovers it;
    /// otherwise the total is the charge.
    public func purchaseEntry(id: JournalEntryID, supplierName: String, recoversVAT: Bool, at now: Date) throws
        -> JournalEntry
    {
        guard let chargeAccount, let invoiceDate, let netAmount, let vat, let total else {
            throw DomainError.invalidValue(field: "invoice", reason: "is not complete")
        }
        let zero = Money(minorUnits: 0)
        let label = "Facture \(supplierName)\(number.map { " n° \($0)" } ?? "")"
        var lines: [JournalLine] = []
        if recoversVAT && vat.minorUnits > 0 {
            lines.append(
                try JournalLine(accountCode: chargeAccount, debit: netAmount, credit: zero, description: nil, index: 0))
            lines.append(
                try JournalLine(
                    accountCode: Self.recoverableVATAccount, debit: vat, credit: zero, description: "TVA", index: 1))
        } else {
            lines.append(
                try JournalLine(accountCode: chargeAccount, debit: total, credit: zero, description: nil, index: 0))
        }
        lines.append(
            try JournalLine(
                accountCode: Self.suppliersAccount, debit: zero, credit: total, description: nil, index: lines.count))
        return try JournalEntry(
            id: id, buildingID: buildingID, journal: .purchases, type: .purchaseInvoice, entryDate: invoiceDate,
            description: String(label.prefix(500)), documentRef: number.map { String($0.prefix(100)) }, lines: lines,
            createdAt: now)
    }

    /// The financial journal's entry for paying it: the supplier debited, the bank credited.
    public func paymentEntry(id: JournalEntryID, supplierName: String, on day: CalendarDate, at now: Date) throws
        -> JournalEntry
    {
        guard let total else { throw DomainError.invalidValue(field: "invoice", reason: "is not complete") }
        let zero = Money(minorUnits: 0)
        return try JournalEntry(
            id: id, buildingID: buildingID, journal: .financial, type: .expensePayment, entryDate: day,
            description: String("Paiement \(supplierName)\(number.map { " n° \($0)" } ?? "")".prefix(500)),
            documentRef: number.map { String($0.prefix(100)) },
            lines: [
                try JournalLine(
                    accountCode: Self.suppliersAccount, debit: total, credit: zero, description: nil, index: 0),
                try JournalLine(accountCode: Self.bankAccount, debit: zero, credit: total, description: nil, index: 1),
            ], createdAt: now)
    }
}

/// Rules of the finance operations a request can break.
public enum FinanceOperationsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Only a draft or a rejected invoice may be edited (409).
    case notEditable(PurchaseInvoice.Status)
    case alreadyApproved(PurchaseInvoice.Approver)
    /// A board member's approval was given where the invoice does not need one (409).
    case boardApprovalNotRequired
    /// The caller is a board member, but holds no current board mandate in this building (403).
    case notOnBoard
    /// Only an approved (booked) invoice is spread over the owners (409).
    case notBooked(PurchaseInvoice.Status)
    /// The owner owes nothing overdue on the call (409).
    case nothingOverdue
    /// The contribution is not late enough for the level (409).
    case thresholdNotReached(ReminderLevel, daysOverdue: Int)
    /// Only a formal notice goes by registered letter (409).
    case notByPost(ReminderLevel)
    /// The owner already has an open reminder on the call (409): escalate it, or cancel it first.
    case reminderExists(ReminderLevel)

    public var description: String {
        switch self {
        case .notEditable(let status):
            "an invoice that is \(status.rawValue) cannot be edited: only a draft or a rejected invoice can"
        case .alreadyApproved(let approver):
            approver == .syndic
                ? "the syndic has already approved this invoice" : "a board member has already approved this invoice"
        case .boardApprovalNotRequired:
            "this invoice does not need the board's approval: its total is within the building's threshold, or "
                + "the building has no board"
        case .notOnBoard: "you hold no current mandate on this building's board"
        case .notBooked(let status):
            "an invoice that is \(status.rawValue) is not booked yet: only an approved invoice is spread over the owners"
        case .nothingOverdue: "the owner owes nothing on this call, or the call is not sent"
        case .thresholdNotReached(let level, let days):
            "a \(level.rawValue) reminder is due from \(level.threshold) days overdue; this contribution is \(days) "
                + "days overdue"
        case .notByPost(let level):
            "a \(level.rawValue) reminder goes by email: only a formal notice has a registered letter's number"
        case .reminderExists(let level):
            "the owner already has an open \(level.rawValue) reminder on this call: escalate or cancel it"
        }
    }
}
