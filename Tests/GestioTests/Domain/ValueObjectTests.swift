import Domain
import Foundation
import Testing

@Suite("Domain value objects")
struct ValueObjectTests {
    @Test("An identifier's text is the UUID's, lowercased")
    func identifierText() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(uuid.lowercasedText == uuid.uuidString.lowercased())
            #expect(Identifier<Self>(uuid).description == uuid.uuidString.lowercased())
        }
        let fixed = UUID(uuidString: "00FF10AB-0000-4000-8000-0123456789AB")!
        #expect(fixed.lowercasedText == "00ff10ab-0000-4000-8000-0123456789ab")
    }

    @Test("Email is trimmed and lowercased")
    func emailNormalizes() throws {
        #expect(try Email("  Alice@Example.COM ").value == "alice@example.com")
    }

    @Test(
        "Malformed emails are refused",
        arguments: [
            "", "alice", "alice@", "@example.com", "a@b", "a b@example.com", "a@@example.com", "a@example..com",
        ])
    func emailRejects(_ raw: String) {
        #expect(throws: DomainError.self) { try Email(raw) }
    }

    @Test("Money parses decimal strings exactly")
    func moneyParses() throws {
        #expect(try Money(parsing: "1234.56").minorUnits == 123_456)
        #expect(try Money(parsing: "12").minorUnits == 1200)
        #expect(try Money(parsing: "0.5").minorUnits == 50)
        #expect(try Money(parsing: "-3.07").minorUnits == -307)
    }

    @Test(
        "Money refuses more decimals than the currency has, and garbage",
        arguments: ["1.234", "abc", "", "1.", ".5", "1,5", "--1", "1e3"])
    func moneyRejects(_ raw: String) {
        #expect(throws: DomainError.self) { try Money(parsing: raw) }
    }

    @Test("Money formats with two decimals")
    func moneyFormats() throws {
        #expect(Money(minorUnits: 123_456).decimalString == "1234.56")
        #expect(Money(minorUnits: 5).decimalString == "0.05")
        #expect(Money(minorUnits: -5).decimalString == "-0.05")
        #expect(Money(minorUnits: 0).decimalString == "0.00")
        #expect(try Money(parsing: Money(minorUnits: 987_654_321).decimalString).minorUnits == 987_654_321)
    }

    @Test("Money only adds the same currency")
    func moneyCurrency() throws {
        let euros = Money(minorUnits: 100)
        let dollars = Money(minorUnits: 100, currency: try Currency("usd"))
        #expect(try (euros + euros).minorUnits == 200)
        #expect(try (euros - Money(minorUnits: 250)).minorUnits == -150)
        #expect(throws: DomainError.self) { try euros + dollars }
        #expect(throws: DomainError.self) { try Currency("EURO") }
    }

    @Test("Roles parse from their wire names only")
    func roles() throws {
        #expect(try Role(parsing: "board_member") == .boardMember)
        #expect(try Role(parsing: "maitre_ouvrage") == .maitreOuvrage)
        #expect(throws: DomainError.self) { try Role(parsing: "boardMember") }
        #expect(try Role(parsing: "project_guest") == .projectGuest)
        #expect(Role.allCases.count == 21)
    }

    @Test("Passwords need 10 characters and at most 72 bytes")
    func passwordPolicy() throws {
        try PasswordPolicy.validate("0123456789")
        #expect(throws: DomainError.invalidValue(field: "password", reason: "must be at least 10 characters")) {
            try PasswordPolicy.validate("012345678")
        }
        #expect(throws: DomainError.self) { try PasswordPolicy.validate(String(repeating: "é", count: 40)) }
    }

    @Test("Typed identifiers parse UUIDs and print lowercase")
    func identifiers() {
        let id = UserID("6F9619FF-8B86-D011-B42D-00CF4FC964FF")
        #expect(id?.description == "6f9619ff-8b86-d011-b42d-00cf4fc964ff")
        #expect(UserID("nope") == nil)
    }
}

@Suite("Domain state")
struct DomainStateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("A membership holds at least one role and never superadmin")
    func membershipRoles() throws {
        var membership = try Membership(
            userID: UserID(UUID()), organizationID: OrganizationID(UUID()), roles: [.owner], createdAt: now)
        try membership.replaceRoles(with: [.owner, .boardMember])
        #expect(membership.roles == [.owner, .boardMember])
        #expect(throws: DomainError.self) { try membership.replaceRoles(with: []) }
        #expect(throws: DomainError.self) { try membership.replaceRoles(with: [.superadmin]) }
        #expect(membership.roles == [.owner, .boardMember])
    }

    @Test("An invitation is pending, then accepted once, and expires")
    func invitationLifecycle() throws {
        var invitation = try Invitation(
            id: InvitationID(UUID()), organizationID: OrganizationID(UUID()), email: Email("bob@example.com"),
            role: .accountant, tokenHash: "h", invitedBy: UserID(UUID()), createdAt: now,
            expiresAt: now.addingTimeInterval(Invitation.validity))
        #expect(invitation.status(at: now) == .pending)
        #expect(invitation.status(at: now.addingTimeInterval(Invitation.validity)) == .expired)
        #expect(throws: DomainError.illegalTransition(entity: "invitation", from: "expired", to: "accepted")) {
            var copy = invitation
            try copy.accept(at: now.addingTimeInterval(Invitation.validity + 1))
        }
        try invitation.accept(at: now)
        #expect(invitation.status(at: now) == .accepted)
        #expect(throws: DomainError.self) { try invitation.accept(at: now) }
    }

    @Test("A refresh token rotates once; revocation wins")
    func refreshTokenStates() throws {
        var token = RefreshToken(
            id: RefreshTokenID(UUID()), familyID: TokenFamilyID(UUID()), userID: UserID(UUID()),
            organizationID: OrganizationID(UUID()), tokenHash: "h", issuedAt: now,
            expiresAt: now.addingTimeInterval(RefreshToken.lifetime))
        #expect(token.status(at: now) == .active)
        #expect(token.status(at: now.addingTimeInterval(RefreshToken.lifetime)) == .expired)
        try token.rotate(at: now)
        #expect(token.status(at: now) == .rotated)
        #expect(throws: DomainError.self) { try token.rotate(at: now) }
        let revoked = RefreshToken(
            id: token.id, familyID: token.familyID, userID: token.userID, organizationID: token.organizationID,
            tokenHash: "h", issuedAt: now, expiresAt: token.expiresAt, rotatedAt: now, revokedAt: now)
        #expect(revoked.status(at: now) == .revoked)
    }

    @Test("IBAN, BIC, VAT numbers and the structured communication hold only with their check digits")
    func paymentIdentifiers() throws {
        #expect(IBAN("BE68 5390 0754 7034")?.value == "BE68539007547034")
        #expect(IBAN("BE68 5390 0754 7034")?.description == "BE68 5390 0754 7034")
        #expect(IBAN("BE69 5390 0754 7034") == nil)  // check digits
        #expect(IBAN("BE68 5390 0754 703") == nil)  // Belgian length
        #expect(IBAN("FR14 2004 1010 0505 0001 3M02 606")?.countryCode == "FR")
        #expect(IBAN("") == nil)
        #expect(IBAN("ÉÉ00 0000 0000 0000") == nil)
        #expect(BIC("GEBABEBB")?.value == "GEBABEBB")
        #expect(BIC("GEBABEBB22X")?.value == "GEBABEBB22X")
        #expect(BIC("GEBA1EBB") == nil)
        #expect(VATNumber("BE 0403.170.701")?.value == "BE0403170701")
        #expect(VATNumber("BE0403.170.702") == nil)
        #expect(VATNumber("BE0403170701")?.description == "BE0403.170.701")
        #expect(VATNumber("FR40303265045")?.value == "FR40303265045")
        #expect(VATNumber("FR41303265045") == nil)
        #expect(VATNumber("NL123456789B01") == nil)
        #expect(StructuredCommunication("+++090/9337/55493+++")?.digits == "090933755493")
        #expect(StructuredCommunication("+++090/9337/55494+++") == nil)
        #expect(StructuredCommunication("090 9337 55493 and more") == nil)
        // A base that is a multiple of 97 takes 97 as its check.
        #expect(try StructuredCommunication(base: 97).description == "+++000/0000/09797+++")
        #expect(try StructuredCommunication(base: 1_234_567_890).digits == "123456789002")
        #expect(throws: DomainError.self) { try StructuredCommunication(base: 10_000_000_000) }
    }
}

@Suite("Text bounds count code points, as the API contract's maxLength does")
struct TextBoundTests {
    @Test("A letter with a combining accent is two code points against the bound")
    func combiningMarks() throws {
        let decomposed = String(repeating: "e\u{301}", count: 100)
        #expect(decomposed.count == 100 && decomposed.unicodeScalars.count == 200)
        #expect(try Document.validatedTitle(decomposed) == decomposed)
        #expect(throws: DomainError.self) { try Document.validatedTitle(decomposed + "e\u{301}") }
        #expect(throws: DomainError.self) { try Document.validatedTitle(String(repeating: "a", count: 200) + " ") }
    }
}
