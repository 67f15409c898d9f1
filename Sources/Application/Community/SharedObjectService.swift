public import Domain
import Foundation

/// An object as its lender sends it; on an update, only the fields sent change.
public struct SharedObjectInput: Sendable {
    public var name: String?
    public var description: String?
    public var category: String?
    public var condition: String?
    public var dailyRate: Int?
    public var deposit: Int?
    public var loanDays: Int?

    public init(
        name: String? = nil, description: String? = nil, category: String? = nil, condition: String? = nil,
        dailyRate: Int? = nil, deposit: Int? = nil, loanDays: Int? = nil
    ) {
        self.name = name
        self.description = description
        self.category = category
        self.condition = condition
        self.dailyRate = dailyRate
        self.deposit = deposit
        self.loanDays = loanDays
    }
}

/// An object with its loan under way.
public struct SharedObjectView: Sendable {
    public let object: SharedObject
    public let loan: ObjectLoan?
    public let overdue: Bool
}

/// A resident's credits in a building: the balance and the movements.
public struct CreditStatement: Sendable {
    public let buildingID: BuildingID
    public let balance: Int
    public let trustLimit: Int
    public let history: Page<(transfer: CreditTransfer, credits: Int)>
}

/// Shared objects and the building's credit ledger: residents lend objects to each other for
/// credits, never money. Borrowing holds the deposit (within the trust limit); returning refunds
/// it and pays the lender the rental, in one balanced transfer each, in the same transaction as
/// the loan. A return is never refused for credit; a borrower left below the trust limit borrows
/// nothing more until back above it.
public struct SharedObjectService: Sendable, UseCaseSupport, CommunityUseCase {
    public static let overdueJob = "community-loans"

    public static let notificationTypes = [
        NotificationType("community.loan_overdue", "an object you borrowed, or lent, is past its return day")
    ]

    let context: CommunityContext

    private func details(_ input: SharedObjectInput, over current: SharedObject.Details?) throws
        -> SharedObject.Details
    {
        try SharedObject.Details(
            name: input.name ?? current?.name ?? "", description: input.description ?? current?.description,
            category: try Self.parse(input.category, SharedObject.Category.self, field: "category")
                ?? current?.category ?? Self.parseRequired(nil, SharedObject.Category.self, field: "category"),
            condition: try Self.parse(input.condition, SharedObject.Condition.self, field: "condition")
                ?? current?.condition ?? .good,
            dailyRate: input.dailyRate ?? current?.dailyRate ?? 0, deposit: input.deposit ?? current?.deposit ?? 0,
            loanDays: input.loanDays ?? current?.loanDays ?? SharedObject.Details.defaultLoanDays)
    }

    private func visibleObject(
        _ id: SharedObjectID, _ principal: Principal,
        _ repos: any UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSharedObjects
    )
        async throws -> (SharedObject, Building)
    {
        try AccessPolicy.require(.useCommunity, by: principal)
        let object = try TenantScope.visible(
            try await repos.sharedObjects.find(id), in: \.organizationID, principal, entity: "shared_object",
            id: id.description)
        let (building, _) = try await residents.resident(of: object.buildingID, principal, repos)
        return (object, building)
    }

    private func view(_ object: SharedObject, _ building: Building, _ repos: any UsesObjectLoans) async throws
        -> SharedObjectView
    {
        var loan: ObjectLoan?
        if let loanID = object.loanID { loan = try await repos.objectLoans.find(loanID) }
        return SharedObjectView(
            object: object, loan: loan, overdue: loan?.isOverdue(on: residents.today(in: building)) ?? false)
    }

    func settings(of building: BuildingID, _ repos: any UsesCommunitySettings) async throws -> CommunitySettings {
        try await repos.communitySettings.settings(of: building) ?? .standard
    }

    public func create(_ input: SharedObjectInput, in buildingID: BuildingID, as principal: Principal) async throws
        -> SharedObjectView
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesObjectLoans & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSharedObjects
            ) in
            let (building, _) = try await residents.resident(of: buildingID, principal, repos)
            let object = SharedObject(
                id: SharedObjectID(ids.make()), organizationID: principal.organizationID, buildingID: buildingID,
                ownerID: principal.userID, details: try details(input, over: nil), createdAt: clock.now())
            try await repos.sharedObjects.insert(object)
            try await audit("shared_object.created", object, principal, repos)
            return try await view(object, building, repos)
        }
    }

    public func object(_ id: SharedObjectID, as principal: Principal) async throws -> SharedObjectView {
        try await persistence.read {
            (
                repos: any UsesBuildings & UsesObjectLoans & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSharedObjects
            ) in
            let (object, building) = try await visibleObject(id, principal, repos)
            return try await view(object, building, repos)
        }
    }

    public func list(
        in buildingID: BuildingID, status: String?, category: String?, page: PageRequest, as principal: Principal
    ) async throws -> Page<SharedObjectView> {
        try await persistence.read {
            (
                repos: any UsesBuildings & UsesObjectLoans & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSharedObjects
            ) in
            let (building, _) = try await residents.resident(of: buildingID, principal, repos)
            let filter = SharedObjectFilter(
                status: try Self.parse(status, SharedObjectFilter.Status.self, field: "status"),
                category: try Self.parse(category, SharedObject.Category.self, field: "category"),
                today: residents.today(in: building))
            let found = try await repos.sharedObjects.list(in: buildingID, filter: filter, page: page)
            var views: [SharedObjectView] = []
            for object in found.items { views.append(try await view(object, building, repos)) }
            return Page(items: views, request: page, totalItems: found.totalItems)
        }
    }

    /// Its lender changes it (the terms of a loan under way stay those of the day it began).
    public func update(_ id: SharedObjectID, _ input: SharedObjectInput, as principal: Principal) async throws
        -> SharedObjectView
    {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesObjectLoans & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSharedObjects
            ) in
            var (object, building) = try await visibleObject(id, principal, repos)
            guard object.ownerID == principal.userID else { throw CommunityError.notYours("the object's lender") }
            object.details = try details(input, over: object.details)
            try await repos.sharedObjects.update(object)
            try await audit("shared_object.updated", object, principal, repos)
            return try await view(object, building, repos)
        }
    }

    /// Its lender removes it, unless it is out.
    public func delete(_ id: SharedObjectID, as principal: Principal) async throws {
        try await persistence.write(publishing: context.bus) {
            (
                repos: any UsesAudit & UsesBuildings & UsesOccupancies & UsesOwners & UsesOwnerships
                    & UsesSharedObjects, facts: EventPublisher
            ) in
            let (object, _) = try await visibleObject(id, principal, repos)
            guard object.ownerID == principal.userID else { throw CommunityError.notYours("the object's lender") }
            guard object.isAvailable else { throw CommunityError.objectUnavailable }
            try await repos.sharedObjects.delete(object.id)
            try await audit("shared_object.deleted", object, principal, repos)
            // Its photos go with it.
            _ = try await facts.publish(
                LinkedEntityDeleted(
                    entityType: Self.documentType, entityID: object.id.rawValue,
                    organization: principal.organizationID, at: clock.now()))
        }
    }

    /// The caller borrows the object: never their own, one borrower at a time, at most the
    /// building's number of objects at once, and the deposit held within the trust limit.
    public func borrow(_ id: SharedObjectID, as principal: Principal) async throws -> SharedObjectView {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCommunitySettings & UsesCredits & UsesObjectLoans
                    & UsesOccupancies & UsesOwners & UsesOwnerships & UsesSharedObjects
            ) in
            let (found, building) = try await visibleObject(id, principal, repos)
            try await repos.sharedObjects.lock(found.id)
            guard var object = try await repos.sharedObjects.find(found.id) else {
                throw ApplicationError.notFound(entity: "shared_object", id: id.description)
            }
            guard object.ownerID != principal.userID else { throw CommunityError.ownObject }
            guard object.isAvailable else { throw CommunityError.objectUnavailable }
            let settings = try await settings(of: building.id, repos)
            let held = try await repos.objectLoans.open(of: principal.userID, in: building.id)
            guard held.count < settings.maxLoans else { throw CommunityError.tooManyLoans(settings.maxLoans) }
            let borrower = CreditTransfer.Account.resident(principal.userID)
            let balance = try await repos.credits.balance(of: borrower, in: building.id)
            guard balance >= settings.trustLimit else {
                throw CommunityError.belowTrustLimit(balance: balance, limit: settings.trustLimit)
            }
            let deposit = object.details.deposit
            guard balance - deposit >= settings.trustLimit else {
                throw CommunityError.insufficientCredit(balance: balance, needed: deposit, limit: settings.trustLimit)
            }
            let now = clock.now()
            let loan = ObjectLoan(
                id: ObjectLoanID(ids.make()), organizationID: object.organizationID, buildingID: building.id,
                objectID: object.id, borrowerID: principal.userID, lenderID: object.ownerID, deposit: deposit,
                dailyRate: object.details.dailyRate, borrowedAt: now,
                dueOn: residents.today(in: building).adding(days: object.details.loanDays))
            try await repos.objectLoans.insert(loan)
            object.loanID = loan.id
            try await repos.sharedObjects.update(object)
            if deposit > 0 {
                try await repos.credits.record(
                    try CreditTransfer(
                        id: CreditTransferID(ids.make()), organizationID: object.organizationID,
                        buildingID: building.id, kind: .depositHeld, reference: loan.id.rawValue,
                        legs: [.init(borrower, -deposit), .init(.deposits, deposit)], at: now))
            }
            try await audit("shared_object.borrowed", object, principal, repos, ["loan": loan.id.description])
            return try await view(object, building, repos)
        }
    }

    /// The borrower brings it back: the deposit is refunded and the rental (each day begun at the
    /// daily rate) paid to the lender, in one balanced transfer. Never refused for credit.
    public func giveBack(_ id: SharedObjectID, as principal: Principal) async throws -> SharedObjectView {
        try await persistence.write {
            (
                repos: any UsesAudit & UsesBuildings & UsesCredits & UsesObjectLoans & UsesOccupancies & UsesOwners
                    & UsesOwnerships & UsesSharedObjects
            ) in
            let (found, building) = try await visibleObject(id, principal, repos)
            try await repos.sharedObjects.lock(found.id)
            guard var object = try await repos.sharedObjects.find(found.id), let loanID = object.loanID,
                var loan = try await repos.objectLoans.find(loanID)
            else { throw DomainError.illegalTransition(entity: "shared_object", from: "available", to: "returned") }
            guard loan.borrowerID == principal.userID else { throw CommunityError.notYours("the borrower") }
            let now = clock.now()
            loan.markReturned(at: now)
            try await repos.objectLoans.update(loan)
            object.loanID = nil
            try await repos.sharedObjects.update(object)
            let rental = loan.rental ?? 0
            if loan.deposit > 0 || rental > 0 {
                try await repos.credits.record(
                    try CreditTransfer(
                        id: CreditTransferID(ids.make()), organizationID: object.organizationID,
                        buildingID: building.id, kind: rental > 0 ? .rentalPaid : .depositReturned,
                        reference: loan.id.rawValue,
                        legs: [
                            .init(.deposits, -loan.deposit), .init(.resident(loan.borrowerID), loan.deposit - rental),
                            .init(.resident(loan.lenderID), rental),
                        ], at: now))
            }
            try await audit(
                "shared_object.returned", object, principal, repos,
                ["loan": loan.id.description, "rental": "\(rental)"])
            return try await view(object, building, repos)
        }
    }

    /// The caller's credits in the building: balance, trust limit and movements, newest first.
    public func credits(in buildingID: BuildingID, page: PageRequest, as principal: Principal) async throws
        -> CreditStatement
    {
        try await persistence.read {
            (
                repos: any UsesBuildings & UsesCommunitySettings & UsesCredits & UsesOccupancies & UsesOwners
                    & UsesOwnerships
            ) in
            let (building, _) = try await residents.resident(of: buildingID, principal, repos)
            let account = CreditTransfer.Account.resident(principal.userID)
            return CreditStatement(
                buildingID: building.id, balance: try await repos.credits.balance(of: account, in: building.id),
                trustLimit: try await settings(of: building.id, repos).trustLimit,
                history: try await repos.credits.history(of: account, in: building.id, page: page))
        }
    }

    /// The building's rules for credits and loans (its managers).
    public func settings(of buildingID: BuildingID, as principal: Principal) async throws -> CommunitySettings {
        try await persistence.read {
            (repos: any UsesBuildings & UsesCommunitySettings & UsesOccupancies & UsesOwners & UsesOwnerships) in
            _ = try await residents.resident(of: buildingID, principal, repos)
            return try await settings(of: buildingID, repos)
        }
    }

    public func setSettings(
        of buildingID: BuildingID, trustLimit: Int?, maxLoans: Int?, as principal: Principal
    ) async throws -> CommunitySettings {
        try AccessPolicy.require(.manageCommunity, by: principal)
        return try await persistence.write { (repos: any UsesAudit & UsesBuildings & UsesCommunitySettings) in
            let building = try await TenantScope.building(buildingID, principal, repos)
            let current = try await settings(of: buildingID, repos)
            let settings = try CommunitySettings(
                trustLimit: trustLimit ?? current.trustLimit, maxLoans: maxLoans ?? current.maxLoans)
            try await repos.communitySettings.save(settings, of: building, at: clock.now())
            try await trail.record(
                "community.settings_changed", entity: "building", id: building.id.description,
                payload: ["trustLimit": "\(settings.trustLimit)", "maxLoans": "\(settings.maxLoans)"],
                by: principal, organization: building.organizationID, repos)
            return settings
        }
    }

    /// Once a day per late loan: the borrower is reminded and the lender told.
    public func runOverdueJob() async throws -> JobReport {
        let now = clock.now()
        return try await persistence.write {
            (repos: any UsesBuildings & UsesNotifications & UsesObjectLoans & UsesSharedObjects) in
            var reminded = 0
            var notified = 0
            for var loan in try await repos.objectLoans.overdue(before: CalendarDate(utcDayOf: now).adding(days: 1)) {
                guard let building = try await repos.buildings.find(loan.buildingID),
                    let object = try await repos.sharedObjects.find(loan.objectID)
                else { continue }
                let today = residents.today(in: building)
                guard loan.isOverdue(on: today), loan.remindedOn != today else { continue }
                loan.reminded(on: today)
                try await repos.objectLoans.update(loan)
                notified += try await trail.notify(
                    [loan.borrowerID], in: loan.organizationID, kind: "community.loan_overdue",
                    title: "À rendre : \(object.details.name)",
                    body: "Le prêt devait se terminer le \(loan.dueOn). Merci de le rendre à son propriétaire.",
                    entity: "shared_object", id: object.id.description, repos)
                notified += try await trail.notify(
                    [loan.lenderID], in: loan.organizationID, kind: "community.loan_overdue",
                    title: "Prêt en retard : \(object.details.name)",
                    body: "L'objet devait vous être rendu le \(loan.dueOn).", entity: "shared_object",
                    id: object.id.description, repos)
                reminded += 1
            }
            return JobReport(job: Self.overdueJob, ran: true, created: reminded, skipped: 0, notified: notified)
        }
    }

    private func audit(
        _ action: String, _ object: SharedObject, _ principal: Principal, _ repos: any UsesAudit,
        _ payload: [String: String] = [:]
    ) async throws {
        try await trail.record(
            action, entity: "shared_object", id: object.id.description,
            payload: payload.merging(["building": object.buildingID.description]) { $1 }, by: principal,
            organization: object.organizationID, repos)
    }
}

extension SharedObjectService {
    /// An object's photos: documents linked to it, at `/shared-objects/{id}/documents`. The
    /// building's residents see them; its lender uploads and deletes them (as do the roles that
    /// manage documents).
    /// The link type of a shared object's photos in the documents module.
    static let documentType = "shared_object"

    public var documentLinks: [DocumentLinkTarget] {
        [
            DocumentLinkTarget(
                type: Self.documentType, collection: "shared-objects",
                check: { id, principal in _ = try await object(SharedObjectID(id), as: principal) },
                scoped: ScopedDocumentAccess(permission: .useCommunity) { id, principal in
                    let found = try await object(SharedObjectID(id), as: principal)
                    guard found.object.ownerID == principal.userID else {
                        throw CommunityError.notYours("the object's lender")
                    }
                })
        ]
    }
}
