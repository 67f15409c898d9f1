import Application
import ArgumentParser
import Bootstrap
import Domain
import Foundation

/// Supplier invoices from the command line, acting as the operator (who approves as the syndic).
struct InvoiceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Supplier invoices: record, approve (booked in ACH) and pay (FIN).",
        subcommands: [Supplier.self, Add.self, Approve.self, Pay.self])

    struct Output: Encodable {
        let id, status: String
        let number, total, purchaseEntryNumber, paymentEntryNumber: String?

        init(_ invoice: PurchaseInvoice) {
            id = invoice.id.description
            status = invoice.status.rawValue
            number = invoice.number
            total = invoice.total?.decimalString
            purchaseEntryNumber = invoice.purchaseBooking?.number
            paymentEntryNumber = invoice.paymentBooking?.number
        }

        var line: String {
            let entries = [purchaseEntryNumber, paymentEntryNumber].compactMap(\.self).joined(separator: " ")
            return "\(number ?? "-")  \(total ?? "-")  \(status)\(entries.isEmpty ? "" : "  \(entries)")  \(id)"
        }
    }

    struct Supplier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a supplier to the organization's directory.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long) var name: String
        @Option(name: .long, help: "BE or FR VAT number; its check digits are verified.") var vat: String?
        @Option(name: .long, help: "Bank account; checked by mod 97.") var iban: String?
        @Option(name: .long) var email: String?

        struct Written: Encodable {
            let id, name: String
            let vatNumber: String?
        }

        func run() async throws {
            let principal = try scope.principal
            let supplier = try await scope.common.withGestio {
                try await $0.invoices.createSupplier(
                    SupplierInput(name: name, vatNumber: vat, iban: iban, email: email), as: principal)
            }
            let written = Written(
                id: supplier.id.description, name: supplier.name, vatNumber: supplier.vatNumber?.description)
            try emit(written, json: scope.common.json) { "supplier \(written.name)  \(written.id)" }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a supplier invoice of a building and submit it for approval (or keep it a draft).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Building id.") var building: String
        @Option(name: .long, help: "Supplier id.") var supplier: String
        @Option(name: .long, help: "The supplier's invoice number.") var number: String?
        @Option(name: .long, help: "Charge account (class 6).") var account: String
        @Option(name: .long, help: "Invoice date, YYYY-MM-DD.") var date: String
        @Option(name: .long, help: "Due date, YYYY-MM-DD.") var due: String
        @Option(name: .long, help: "Net amount, such as 2666.94.") var net: String
        @Option(name: .long, help: "VAT rate in %: 0, 6, 12, 21 or another.") var vatRate: String
        @Option(
            name: .long, help: "maintenance, repairs, insurance, utilities, cleaning, administration, works, other.")
        var category: String = "other"
        @Option(name: .long, help: "ordinary or extraordinary.") var nature: String = "ordinary"
        @Flag(name: .long, help: "Keep it a draft instead of submitting it.") var draft = false

        func run() async throws {
            let principal = try scope.principal
            let buildingID = try parseID(building, as: BuildingID.self, option: "--building")
            var changes = PurchaseInvoice.Changes()
            changes.supplierID = .some(try parseID(supplier, as: SupplierID.self, option: "--supplier"))
            changes.number = .some(number)
            changes.chargeAccount = .some(account)
            changes.invoiceDate = .some(try CalendarDate(parsing: date, field: "--date"))
            changes.dueDate = .some(try CalendarDate(parsing: due, field: "--due"))
            changes.netAmount = .some(try Money(parsing: net, field: "--net"))
            changes.vatRate = .some(try VATRate(parsing: vatRate, field: "--vat-rate"))
            guard let category = PurchaseInvoice.Category(rawValue: category) else {
                throw ValidationError("--category must be one of \(PurchaseInvoice.Category.allCases.map(\.rawValue))")
            }
            guard let nature = PurchaseInvoice.Nature(rawValue: nature) else {
                throw ValidationError("--nature must be ordinary or extraordinary")
            }
            changes.category = category
            changes.nature = nature
            let draft = draft
            let invoice = try await scope.common.withGestio { gestio in
                let created = try await gestio.invoices.createInvoice(in: buildingID, changes, as: principal)
                return draft ? created : try await gestio.invoices.submit(created.id, as: principal)
            }
            let output = Output(invoice)
            try emit(output, json: scope.common.json) { "recorded \(output.line)" }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve an invoice as the syndic; the approval that completes it books it in ACH.")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Invoice id.") var id: String

        func run() async throws {
            let principal = try scope.principal
            let invoiceID = try parseID(id, as: PurchaseInvoiceID.self, option: "--id")
            let invoice = try await scope.common.withGestio { try await $0.invoices.approve(invoiceID, as: principal) }
            let output = Output(invoice)
            try emit(output, json: scope.common.json) { output.line }
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the payment of an approved invoice (FIN).")
        @OptionGroup var scope: OrganizationScope
        @Option(name: .long, help: "Invoice id.") var id: String
        @Option(name: .long, help: "Payment date, YYYY-MM-DD (today by default).") var on: String?

        func run() async throws {
            let principal = try scope.principal
            let invoiceID = try parseID(id, as: PurchaseInvoiceID.self, option: "--id")
            let day = try on.map { try CalendarDate(parsing: $0, field: "--on") }
            let invoice = try await scope.common.withGestio {
                try await $0.invoices.pay(invoiceID, on: day, as: principal)
            }
            let output = Output(invoice)
            try emit(output, json: scope.common.json) { output.line }
        }
    }
}
