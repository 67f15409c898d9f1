public import Domain
public import Foundation

/// The stores of the assistant's conversations.
public protocol AssistantRepository: Sendable {
    /// `tokenHash`: the digest of a public conversation's token (nil for a customer account's).
    func insert(_ conversation: AssistantConversation, tokenHash: String?) async throws
    func find(_ id: AssistantConversationID) async throws -> AssistantConversation?
    func tokenHash(of id: AssistantConversationID) async throws -> String?
    /// Stores its language and its proposal.
    func update(_ conversation: AssistantConversation) async throws
    func append(_ message: AssistantMessage, of conversation: AssistantConversation) async throws
    /// Oldest first, at most `AssistantConversation.maximumMessages`.
    func messages(of id: AssistantConversationID) async throws -> [AssistantMessage]
}

/// A conversation as it stands, or what one exchange added to it.
public struct AssistantExchange: Sendable {
    public let conversation: AssistantConversation
    public let messages: [AssistantMessage]
    /// The credential of a conversation started on the public page (given once).
    public let token: String?
}

/// The centre's booking assistant. The built-in engine (`IntentRecognizer`) needs no external
/// service: it understands the main requests in French, Dutch and English and answers from the
/// centre's own data (prices, hours, papers to bring, a customer's results and what a defect
/// means). For a customer account it books, moves and cancels through the same use cases as the
/// API, and only after the customer answered yes to its proposal. On the public page it answers
/// questions and sends booking changes to the booking form and the mailed links; conversations
/// there are rate-limited like the public bookings, and their token is their credential.
public struct AssistantService: Sendable {
    let persistence: any Persistence
    let clock: any WallClock
    let ids: any IDGenerator
    let secrets: any SecretTokenGenerator
    let centres: CentreService
    let appointments: AppointmentService
    let inspections: VehicleInspectionService
    let limiter: RateLimiter
    /// Rephrases answers and answers free questions when configured; never acts.
    var model: (any LanguageModel)? = nil
    let recognizer = IntentRecognizer.builtIn

    /// How far ahead the assistant looks for a free slot.
    static let searchDays = 14

    // MARK: Conversations

    /// A customer account's conversation with a centre of its organization.
    /// `language` is the one the greeting is in (the client's `Accept-Language`), French by default.
    public func start(centre id: UUID?, language: AssistantLanguage? = nil, as principal: Principal) async throws
        -> AssistantExchange
    {
        try AccessPolicy.require(.useAssistant, by: principal)
        guard let id else { throw DomainError.invalidValue(field: "centreId", reason: "is required") }
        let centre = try await centres.centre(CentreID(id), as: principal)
        return try await open(centre, customer: principal.userID, token: nil, language: language ?? .fr)
    }

    /// A visitor's conversation on the centre's public page.
    public func startPublic(slug: String, from address: String?, language: AssistantLanguage? = nil) async throws
        -> AssistantExchange
    {
        try await limiter.attempt(address ?? "unknown", at: clock.now())
        let (centre, _) = try await centres.publicCentre(slug: slug)
        return try await open(centre, customer: nil, token: secrets.makeToken(), language: language ?? .fr)
    }

    private func open(_ centre: Centre, customer: UserID?, token: String?, language: AssistantLanguage) async throws
        -> AssistantExchange
    {
        let now = clock.now()
        let conversation = AssistantConversation(
            id: AssistantConversationID(ids.make()), organizationID: centre.organizationID, centreID: centre.id,
            customerID: customer, language: language, createdAt: now)
        let greeting = AssistantMessage(
            id: ids.make(), conversationID: conversation.id, author: .assistant,
            text: AssistantReplies(language: language).greeting(centre, customer: customer != nil), intent: nil,
            createdAt: now)
        try await persistence.write { (repos: any UsesAssistant) in
            try await repos.assistant.insert(conversation, tokenHash: token.map(secrets.digest))
            try await repos.assistant.append(greeting, of: conversation)
        }
        return AssistantExchange(conversation: conversation, messages: [greeting], token: token)
    }

    /// A customer account's conversation with its messages; others' are 404.
    public func conversation(_ id: AssistantConversationID, as principal: Principal) async throws
        -> AssistantExchange
    {
        try AccessPolicy.require(.useAssistant, by: principal)
        return try await persistence.read { (repos: any UsesAssistant) in
            let conversation = try await own(id, principal, repos)
            return AssistantExchange(
                conversation: conversation, messages: try await repos.assistant.messages(of: id), token: nil)
        }
    }

    private func own(_ id: AssistantConversationID, _ principal: Principal, _ repos: any UsesAssistant)
        async throws -> AssistantConversation
    {
        guard let conversation = try await repos.assistant.find(id),
            conversation.organizationID == principal.organizationID, conversation.customerID == principal.userID
        else { throw ApplicationError.notFound(entity: "conversation", id: id.description) }
        return conversation
    }

    /// The customer's message and the assistant's answer.
    public func send(_ text: String?, to id: AssistantConversationID, as principal: Principal) async throws
        -> AssistantExchange
    {
        try AccessPolicy.require(.useAssistant, by: principal)
        let text = try AssistantMessage.customerText(text)
        let conversation = try await persistence.read { (repos: any UsesAssistant) in
            try await own(id, principal, repos)
        }
        return try await exchange(text, in: conversation, principal: principal)
    }

    /// A visitor's message on the public page, with the conversation's token.
    public func sendPublic(_ text: String?, to id: AssistantConversationID, token: String?, from address: String?)
        async throws -> AssistantExchange
    {
        try await limiter.attempt(address ?? "unknown", at: clock.now())
        let text = try AssistantMessage.customerText(text)
        guard let token, !token.isEmpty, token.utf8.count <= 200 else {
            throw DomainError.invalidValue(field: "token", reason: "is required")
        }
        let conversation = try await persistence.read { (repos: any UsesAssistant) in
            guard let conversation = try await repos.assistant.find(id), conversation.customerID == nil,
                let hash = try await repos.assistant.tokenHash(of: id), hash == secrets.digest(token)
            else { throw ApplicationError.notFound(entity: "conversation", id: id.description) }
            return conversation
        }
        return try await exchange(text, in: conversation, principal: nil)
    }

    private func exchange(_ text: String, in current: AssistantConversation, principal: Principal?) async throws
        -> AssistantExchange
    {
        var conversation = current
        let recognition = recognizer.recognize(text)
        if recognition.intent != .unknown { conversation.language = recognition.language }
        let answer: String
        if let proposal = conversation.proposal, let reply = AssistantAnswer.of(text) {
            conversation.proposal = nil
            let say = AssistantReplies(language: conversation.language)
            if reply == .yes, let principal {
                answer = await carry(proposal, in: conversation, say, principal)
            } else {
                answer = say.nothingChanged
            }
        } else {
            conversation.proposal = nil
            let built = try await reply(to: text, recognition, &conversation, principal)
            answer =
                conversation.proposal == nil
                ? await improved(built, question: text, recognition.intent, conversation, principal) : built
        }
        let now = clock.now()
        let asked = AssistantMessage(
            id: ids.make(), conversationID: conversation.id, author: .customer, text: text,
            intent: recognition.intent, createdAt: now)
        let answered = AssistantMessage(
            id: ids.make(), conversationID: conversation.id, author: .assistant, text: answer, intent: nil,
            createdAt: now)
        let stored = conversation
        try await persistence.write { (repos: any UsesAssistant) in
            guard try await repos.assistant.messages(of: stored.id).count + 2 <= AssistantConversation.maximumMessages
            else {
                throw DomainError.invalidValue(
                    field: "text", reason: "this conversation is full; start a new one")
            }
            try await repos.assistant.update(stored)
            try await repos.assistant.append(asked, of: stored)
            try await repos.assistant.append(answered, of: stored)
        }
        return AssistantExchange(conversation: conversation, messages: [asked, answered], token: nil)
    }

    // MARK: Answers

    private func reply(
        to text: String, _ recognition: IntentRecognizer.Recognition, _ conversation: inout AssistantConversation,
        _ principal: Principal?
    ) async throws -> String {
        let say = AssistantReplies(language: conversation.language)
        let (centre, offers) = try await centreAndOffers(conversation, principal)
        switch recognition.intent {
        case .prices: return say.prices(offers)
        case .hours: return say.hours(centre)
        case .documents:
            var kind = InspectionOffer.Kind.periodic
            if let principal, let next = try await nextBooking(principal),
                let offer = offers.first(where: { $0.id == next.offerID })
            {
                kind = offer.kind
            }
            return say.documents(kind)
        case .defect:
            return say.defect(
                in: text, latest: try await principal.asyncMap { try await latestInspection($0) },
                reinspectionDays: centre.rules.reinspectionDays)
        case .result:
            guard let principal else { return say.needsAccount }
            guard let (vehicle, view) = try await latestInspection(principal) else { return say.noResult }
            return say.result(view, of: vehicle)
        case .book:
            guard let principal else { return say.useBookingForm }
            return try await proposeBooking(text, centre, offers, say, &conversation, principal)
        case .reschedule:
            guard let principal else { return say.useMailedLinks }
            guard let booking = try await nextBooking(principal) else { return say.noBooking }
            let slots = try await freeSlots(centre, booking.offerID, booking.category, principal)
            guard let slot = slots.first(where: { $0.start != booking.start }) else { return say.noSlot }
            conversation.proposal = .reschedule(booking.id, start: slot.start)
            return say.proposeMove(booking, to: slot.start, centre)
        case .cancel:
            guard let principal else { return say.useMailedLinks }
            guard let booking = try await nextBooking(principal) else { return say.noBooking }
            conversation.proposal = .cancel(booking.id)
            return say.proposeCancel(booking, fee: centre.policy.fee(cancelling: booking, at: clock.now()), centre)
        case .unknown: return say.help(customer: principal != nil)
        }
    }

    /// The built-in answer as the language model puts it, when one is configured: a free
    /// question answered from the centre's facts, prices, hours and papers rephrased. Booking
    /// changes, results and defects stay the engine's words (a plate or a result is not sent out);
    /// any failure of the model leaves the answer as built.
    private func improved(
        _ answer: String, question: String, _ intent: AssistantIntent, _ conversation: AssistantConversation,
        _ principal: Principal?
    ) async -> String {
        // A customer's results and bookings never leave for the model; general answers may.
        guard let model, [.unknown, .prices, .hours, .documents].contains(intent) else { return answer }
        let prompts = AssistantModelPrompts(language: conversation.language)
        let messages: [LanguageModelMessage]
        if intent == .unknown {
            guard let (centre, offers) = try? await centreAndOffers(conversation, principal) else { return answer }
            let say = AssistantReplies(language: conversation.language)
            messages = prompts.freeQuestion(
                question,
                facts: [
                    "\(centre.name), \(centre.address)", say.hours(centre), say.prices(offers),
                    say.documents(.periodic),
                ])
        } else {
            messages = prompts.rephrase(answer)
        }
        guard let reply = try? await model.complete(messages), let taken = AssistantModelPrompts.taken(reply) else {
            return answer
        }
        return taken
    }

    private func centreAndOffers(_ conversation: AssistantConversation, _ principal: Principal?) async throws
        -> (Centre, [InspectionOffer])
    {
        if let principal {
            return (
                try await centres.centre(conversation.centreID, as: principal),
                try await centres.offers(of: conversation.centreID, as: principal)
            )
        }
        return try await persistence.read { (repos: any UsesCentres & UsesInspectionOffers) in
            guard let centre = try await repos.centres.find(conversation.centreID) else {
                throw ApplicationError.notFound(entity: "centre", id: conversation.centreID.description)
            }
            return (centre, try await repos.inspectionOffers.list(of: centre.id))
        }
    }

    private func proposeBooking(
        _ text: String, _ centre: Centre, _ offers: [InspectionOffer], _ say: AssistantReplies,
        _ conversation: inout AssistantConversation, _ principal: Principal
    ) async throws -> String {
        let vehicles = try await appointments.vehicles(page: try PageRequest(perPage: 100), as: principal).items
        let folded = IntentRecognizer.fold(text, keeping: ".")
        let words = Set(folded)
        // A plate written with or without its dashes and spaces (`2-car-001`, `2car001`).
        let joined = folded.joined()
        let mentioned = vehicles.first { vehicle in
            joined.contains(IntentRecognizer.fold(vehicle.plate.value, keeping: ".").joined())
        }
        guard let vehicle = mentioned ?? vehicles.first else { return say.noVehicle }
        let wantsReinspection = !words.isDisjoint(with: ["contre", "herkeuring", "reinspection", "reinspect"])
        let kind: InspectionOffer.Kind = wantsReinspection ? .reinspection : .periodic
        guard let offer = offers.first(where: { $0.kind == kind && $0.duration(for: vehicle.category) != nil })
        else { return say.noService }
        guard let slot = try await freeSlots(centre, offer.id, vehicle.category, principal).first else {
            return say.noSlot
        }
        conversation.proposal = .book(service: offer.id, vehicle: vehicle.id, start: slot.start)
        return say.proposeBooking(offer, vehicle, at: slot.start, centre)
    }

    private func freeSlots(
        _ centre: Centre, _ offer: InspectionOfferID, _ category: VehicleCategory, _ principal: Principal
    ) async throws -> [FreeSlot] {
        let tomorrow = CalendarDate(dayOf: clock.now(), in: centre.timeZone).adding(days: 1)
        return try await centres.availability(
            of: centre.id, service: offer.rawValue, category: category.rawValue, from: tomorrow.description,
            to: tomorrow.adding(days: Self.searchDays - 1).description, as: principal)
    }

    /// The customer's next booking still to come (held or confirmed).
    private func nextBooking(_ principal: Principal) async throws -> Appointment? {
        let now = clock.now()
        let page = try await appointments.appointments(
            AppointmentFilter(), date: nil, page: try PageRequest(perPage: 100), as: principal)
        return page.items.filter { [.held, .confirmed].contains($0.status) && $0.start > now }
            .min { $0.start < $1.start }
    }

    /// The latest completed inspection of the customer's vehicles.
    private func latestInspection(_ principal: Principal) async throws -> (Vehicle, VehicleInspectionView)? {
        var latest: (Vehicle, VehicleInspection)?
        for vehicle in try await appointments.vehicles(page: try PageRequest(perPage: 100), as: principal).items {
            guard
                let last = try await inspections.inspections(of: vehicle.id, as: principal)
                    .first(where: { $0.status == .completed })
            else { continue }
            if latest.map({ last.startedAt > $0.1.startedAt }) ?? true { latest = (vehicle, last) }
        }
        guard let (vehicle, inspection) = latest else { return nil }
        return (vehicle, try await inspections.inspection(inspection.id, as: principal))
    }

    /// Does what the customer said yes to, through the API's use cases.
    private func carry(
        _ proposal: AssistantProposal, in conversation: AssistantConversation, _ say: AssistantReplies,
        _ principal: Principal
    ) async -> String {
        do {
            let centre = try await centres.centre(conversation.centreID, as: principal)
            switch proposal {
            case .book(let service, let vehicle, let start):
                let booked = try await appointments.book(
                    BookingInput(
                        centreID: centre.id.rawValue, serviceID: service.rawValue, vehicleID: vehicle.rawValue,
                        vehicle: nil, slotStart: start, contact: nil), as: principal)
                return say.booked(booked, centre)
            case .reschedule(let id, let start):
                return say.moved(try await appointments.reschedule(id, to: start, as: principal), centre)
            case .cancel(let id):
                return say.cancelled(
                    try await appointments.cancel(
                        id, reason: "cancelled through the assistant", waiveFee: false, as: principal))
            }
        } catch {
            return say.failed
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
