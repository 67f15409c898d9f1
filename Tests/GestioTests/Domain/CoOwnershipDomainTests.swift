import Domain
import Foundation
import Testing

@Suite("Co-ownership domain")
struct CoOwnershipDomainTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Shares parse exactly, print shortest, and stay in (0, 1]")
    func shares() throws {
        #expect(try Share(parsing: "0.6").millionths == 600_000)
        #expect(try Share(parsing: "1").millionths == 1_000_000)
        #expect(try Share(parsing: "0.333333").description == "0.333333")
        #expect(try Share(parsing: "0.500000").description == "0.5")
        #expect(try Share(parsing: "1.0").description == "1")
        #expect(Share.decimal(0) == "0")
        #expect(Share.decimal(1_500_000) == "1.5")
        for bad in ["0", "1.000001", "0.1234567", "-0.5", "", ".5", "1.", "abc", "0,5"] {
            #expect(throws: DomainError.self, "\(bad)") { try Share(parsing: bad) }
        }
    }

    @Test("Calendar dates parse YYYY-MM-DD only, know leap years, and order")
    func dates() throws {
        #expect(try CalendarDate(parsing: "2024-02-29").description == "2024-02-29")
        #expect(throws: DomainError.self) { try CalendarDate(parsing: "2023-02-29") }
        #expect(throws: DomainError.self) { try CalendarDate(parsing: "1900-02-29") }
        #expect(try CalendarDate(parsing: "2000-02-29").day == 29)
        #expect(throws: DomainError.self) { try CalendarDate(parsing: "2024-1-05") }
        #expect(throws: DomainError.self) { try CalendarDate(parsing: "05/01/2024") }
        #expect(try CalendarDate(parsing: "2024-01-31") < CalendarDate(parsing: "2024-02-01"))
    }

    func building(total: Int = 1000) throws -> Building {
        try Building(
            id: BuildingID(UUID()), organizationID: OrganizationID(UUID()), name: "B", address: "A", city: "C",
            postalCode: "4000", country: "be", totalTantiemes: total, createdAt: now)
    }

    func lot(_ building: Building, _ number: String, _ tantiemes: Int) throws -> Lot {
        try Lot(
            id: LotID(UUID()), buildingID: building.id, number: number, kind: .apartment, floor: nil,
            surfaceHundredths: nil, tantiemes: tantiemes, createdAt: now)
    }

    @Test("The lots' tantièmes cap is the building's total")
    func tantiemesCap() throws {
        let building = try building()
        #expect(building.country == "BE")
        try Lot.checkTantiemes(adding: 400, toExisting: 600, of: building)
        #expect(throws: CoOwnershipError.tantiemesExceeded(total: 1001, allowed: 1000)) {
            try Lot.checkTantiemes(adding: 401, toExisting: 600, of: building)
        }
    }

    @Test("Current shares cap at 100 %, and an ownership ends after it starts, once")
    func ownershipRules() throws {
        let lotID = LotID(UUID())
        let start = try CalendarDate(parsing: "2020-01-01")
        var first = try Ownership(
            id: OwnershipID(UUID()), lotID: lotID, ownerID: OwnerID(UUID()), share: Share(parsing: "0.6"),
            startDate: start)
        func row(_ share: String, from start: String, to end: String? = nil) throws -> Ownership {
            try Ownership(
                id: OwnershipID(UUID()), lotID: lotID, ownerID: OwnerID(UUID()), share: Share(parsing: share),
                startDate: CalendarDate(parsing: start), endDate: end.map { try CalendarDate(parsing: $0) })
        }
        try Ownership.checkShares(adding: try row("0.4", from: "2021-01-01"), to: [first])
        #expect(throws: CoOwnershipError.self) {
            try Ownership.checkShares(adding: try row("0.400001", from: "2021-01-01"), to: [first])
        }
        // Back-dated rows must fit the history they overlap, not just the current owners.
        let past = try row("1", from: "2015-01-01", to: "2020-01-01")
        try Ownership.checkShares(adding: try row("1", from: "2010-01-01", to: "2015-01-01"), to: [past])
        #expect(throws: CoOwnershipError.self) {
            try Ownership.checkShares(adding: try row("0.5", from: "2018-06-01"), to: [past])
        }
        #expect(throws: CoOwnershipError.self) {
            try Ownership.checkShares(adding: try row("0.5", from: "2010-01-01", to: "2016-01-01"), to: [past])
        }
        // A row that starts before a current one is checked again on the day that one starts.
        #expect(throws: CoOwnershipError.self) {
            try Ownership.checkShares(adding: try row("0.5", from: "2019-01-01"), to: [first])
        }
        #expect(throws: DomainError.self) { try first.end(on: start) }
        try first.end(on: CalendarDate(parsing: "2026-07-01"))
        #expect(!first.isOpen)
        #expect(throws: DomainError.self) { try first.end(on: CalendarDate(parsing: "2026-08-01")) }
    }

    @Test("Readiness: all tantièmes held and every lot fully owned")
    func readiness() throws {
        let building = try building()
        let a = try lot(building, "A", 600)
        let b = try lot(building, "B", 400)
        let start = try CalendarDate(parsing: "2020-01-01")
        func own(_ lot: Lot, _ share: String) throws -> Ownership {
            try Ownership(
                id: OwnershipID(UUID()), lotID: lot.id, ownerID: OwnerID(UUID()), share: Share(parsing: share),
                startDate: start)
        }
        let partial = BillingReadiness(building: building, lots: [a], openOwnerships: [try own(a, "0.5")])
        #expect(!partial.isReady)
        #expect(partial.missing == ["lots hold 600 of 1000 tantièmes", "lot A is owned at 50% instead of 100%"])
        let ready = BillingReadiness(
            building: building, lots: [a, b],
            openOwnerships: [try own(a, "0.5"), try own(a, "0.5"), try own(b, "1")])
        #expect(ready.isReady)
        #expect(ready.missing.isEmpty)
    }
}

@Suite("Allocation")
struct AllocationTests {
    @Test("100.00 split in three equal parts sums to exactly 100.00, deterministically")
    func threeEqualOwners() throws {
        let parts = try Allocation.split(Money(minorUnits: 10_000), by: ["a": 1, "b": 1, "c": 1])
        #expect(parts.values.reduce(0) { $0 + $1.minorUnits } == 10_000)
        #expect(parts["a"]?.minorUnits == 3334)
        #expect(parts["b"]?.minorUnits == 3333)
        #expect(parts["c"]?.minorUnits == 3333)
    }

    @Test("The source's example: 15,000.00 for an owner holding 100/1000 alone is 1,500.00")
    func sourceExample() throws {
        // weights: tantièmes × share in millionths
        let parts = try Allocation.split(
            Money(parsing: "15000"), by: ["alone": 100 * 1_000_000, "others": 900 * 1_000_000])
        #expect(parts["alone"]?.decimalString == "1500.00")
        #expect(parts["others"]?.decimalString == "13500.00")
    }

    @Test(
        "Large amounts and weights do not overflow, and parts always add up",
        arguments: [1, 7, 99_999, 123_456_789_012])
    func addsUp(_ cents: Int64) throws {
        let weights: [Int: Int64] = [1: 333_333_333_333, 2: 333_333_333_333, 3: 333_333_333_334, 4: 17]
        let parts = try Allocation.split(Money(minorUnits: cents), by: weights)
        #expect(parts.values.reduce(0) { $0 + $1.minorUnits } == cents)
        #expect(parts.values.allSatisfy { $0.minorUnits >= 0 })
    }

    @Test("Nothing to weigh by is refused")
    func refusals() {
        #expect(throws: DomainError.self) { try Allocation.split(Money(minorUnits: 100), by: ["a": 0]) }
        #expect(throws: DomainError.self) { try Allocation.split(Money(minorUnits: -1), by: ["a": 1]) }
    }
}
