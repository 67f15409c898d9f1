import Domain
import Foundation

/// What the assistant says, in the customer's language (French, Dutch or English), from the
/// centre's own data.
struct AssistantReplies {
    let language: AssistantLanguage

    private func say(_ french: String, _ dutch: String, _ english: String) -> String {
        switch language {
        case .fr: french
        case .nl: dutch
        case .en: english
        }
    }

    private func euros(_ money: Money) -> String {
        say(
            money.decimalString.replacingOccurrences(of: ".", with: ",") + " €",
            "€ " + money.decimalString.replacingOccurrences(of: ".", with: ","), "€" + money.decimalString)
    }

    private func when(_ instant: Date, _ centre: Centre) -> String {
        let (day, time) = InspectionReminders.localDayAndTime(of: instant, in: centre.timeZone)
        return say("le \(day) à \(time)", "op \(day) om \(time)", "on \(day) at \(time)")
    }

    func greeting(_ centre: Centre, customer: Bool) -> String {
        say(
            "Bonjour, je suis l'assistant de \(centre.name). Je vous donne nos prix, nos horaires et les documents à apporter, "
                + "j'explique un résultat ou un défaut"
                + (customer ? ", et je réserve, déplace ou annule vos rendez-vous." : "."),
            "Hallo, ik ben de assistent van \(centre.name). Ik geef onze prijzen, openingsuren en de mee te brengen documenten, "
                + "ik leg een resultaat of een gebrek uit"
                + (customer ? ", en ik boek, verplaats of annuleer uw afspraken." : "."),
            "Hello, I am the assistant of \(centre.name). I give our prices, opening hours and the papers to bring, "
                + "I explain a result or a defect"
                + (customer ? ", and I book, move or cancel your appointments." : "."))
    }

    func help(customer: Bool) -> String {
        say(
            "Je n'ai pas compris. Demandez-moi par exemple nos prix, nos horaires, les documents à apporter, "
                + "le résultat de votre contrôle ou ce que veut dire un défaut"
                + (customer ? ", ou de réserver, déplacer ou annuler un rendez-vous." : "."),
            "Dat begreep ik niet. Vraag me bijvoorbeeld onze prijzen, openingsuren, de mee te brengen documenten, "
                + "het resultaat van uw keuring of wat een gebrek betekent"
                + (customer ? ", of om een afspraak te boeken, te verplaatsen of te annuleren." : "."),
            "I did not understand. Ask me for instance our prices, opening hours, the papers to bring, "
                + "the result of your inspection or what a defect means"
                + (customer ? ", or to book, move or cancel an appointment." : "."))
    }

    func prices(_ offers: [InspectionOffer]) -> String {
        guard !offers.isEmpty else {
            return say(
                "Ce centre n'a pas encore de prix.", "Dit centrum heeft nog geen prijzen.",
                "This centre has no prices yet.")
        }
        let lines = offers.sorted { $0.name < $1.name }.map { "\($0.name) : \(euros($0.price))" }
        return say("Nos prix, TVA comprise :", "Onze prijzen, btw inbegrepen:", "Our prices, VAT included:") + "\n"
            + lines.joined(separator: "\n")
    }

    func hours(_ centre: Centre) -> String {
        let names: [String] =
            switch language {
            case .fr: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
            case .nl: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
            case .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            }
        let named = centre.hours.named
        let lines = WeeklyHours.weekdayNames.enumerated().map { index, day in
            "\(names[index]) : " + (named[day]?.joined(separator: ", ") ?? say("fermé", "gesloten", "closed"))
        }
        return say("Nos heures d'ouverture :", "Onze openingsuren:", "Our opening hours:") + "\n"
            + lines.joined(separator: "\n")
            + (centre.closedOnPublicHolidays
                ? "\n" + say("Fermé les jours fériés.", "Gesloten op feestdagen.", "Closed on public holidays.") : "")
    }

    func documents(_ kind: InspectionOffer.Kind) -> String {
        say("Apportez :", "Breng mee:", "Please bring:") + "\n- "
            + InspectionReminders.documentsToBring(for: kind, in: language).joined(separator: "\n- ")
    }

    func verdict(_ result: InspectionResult) -> String {
        switch result {
        case .favorable: say("favorable", "goedgekeurd", "passed")
        case .favorableWithRemarks:
            say("favorable avec remarques", "goedgekeurd met opmerkingen", "passed with remarks")
        case .unfavorable: say("défavorable (contre-visite)", "afgekeurd (herkeuring)", "failed (re-inspection)")
        case .prohibited:
            say("interdit à la circulation", "verboden op de openbare weg", "prohibited from the road")
        }
    }

    func result(_ view: VehicleInspectionView, of vehicle: Vehicle) -> String {
        let inspection = view.inspection
        var text = say(
            "Votre véhicule \(vehicle.plate.value), contrôlé le \(inspection.completedOn?.description ?? "") : ",
            "Uw voertuig \(vehicle.plate.value), gekeurd op \(inspection.completedOn?.description ?? ""): ",
            "Your vehicle \(vehicle.plate.value), inspected on \(inspection.completedOn?.description ?? ""): ")
        text += inspection.result.map(verdict) ?? ""
        text += "."
        if let due = inspection.nextDue {
            text +=
                " "
                + say(
                    "Prochain contrôle avant le \(due).", "Volgende keuring vóór \(due).",
                    "Next inspection before \(due).")
        }
        if let deadline = view.reinspectionDeadline {
            text +=
                " "
                + say(
                    "Contre-visite avant le \(deadline).", "Herkeuring vóór \(deadline).",
                    "Re-inspection before \(deadline).")
        }
        return text
    }

    func meaning(_ severity: DefectSeverity, reinspectionDays days: Int) -> String {
        switch severity {
        case .minor:
            say(
                "Un défaut mineur est sans danger : le contrôle reste favorable (avec remarques) ; faites-le réparer, sans revenir.",
                "Een klein gebrek is niet gevaarlijk: de keuring blijft goedgekeurd (met opmerkingen); laat het herstellen, zonder terug te komen.",
                "A minor defect is not dangerous: the inspection still passes (with remarks); have it repaired, no need to come back."
            )
        case .major:
            say(
                "Un défaut majeur rend le contrôle défavorable : faites réparer et revenez pour une contre-visite dans les \(days) jours.",
                "Een ernstig gebrek betekent afgekeurd: laat herstellen en kom binnen \(days) dagen terug voor een herkeuring.",
                "A major defect fails the inspection: have it repaired and come back for a re-inspection within \(days) days."
            )
        case .dangerous:
            say(
                "Un défaut dangereux interdit le véhicule à la circulation, sauf pour aller au garage ; après réparation, une contre-visite est nécessaire.",
                "Een gevaarlijk gebrek verbiedt het voertuig op de openbare weg, behalve om naar de garage te rijden; na herstelling is een herkeuring nodig.",
                "A dangerous defect takes the vehicle off the road, except to drive to a garage; after the repair, a re-inspection is needed."
            )
        }
    }

    /// A defect of the customer's last inspection named by its code (`1.2`), else the severity
    /// the sentence names, else what the three severities mean.
    func defect(in text: String, latest: (Vehicle, VehicleInspectionView)?, reinspectionDays days: Int) -> String {
        let words = IntentRecognizer.fold(text, keeping: ".")
        if let (_, view) = latest {
            for word in words {
                guard case .defect(let found) = view.inspection.outcomes[word] else { continue }
                let label = view.checklist.point(word)?.label ?? word
                return say(
                    "Au point \(word) (\(label)) de votre dernier contrôle : ",
                    "Op punt \(word) (\(label)) van uw laatste keuring: ",
                    "At point \(word) (\(label)) of your last inspection: ")
                    + meaning(found.severity, reinspectionDays: days)
            }
        }
        let named: [(DefectSeverity, [String])] = [
            (.dangerous, ["dangereux", "gevaarlijk", "gevaarlijke", "dangerous"]),
            (.major, ["majeur", "ernstig", "ernstige", "major"]), (.minor, ["mineur", "klein", "kleine", "minor"]),
        ]
        if let severity = named.first(where: { !Set($0.1).isDisjoint(with: words) })?.0 {
            return meaning(severity, reinspectionDays: days)
        }
        return DefectSeverity.allCases.map { meaning($0, reinspectionDays: days) }.joined(separator: "\n")
    }

    func proposeBooking(_ offer: InspectionOffer, _ vehicle: Vehicle, at start: Date, _ centre: Centre) -> String {
        say(
            "Je vous propose \(offer.name) pour \(vehicle.plate.value) \(when(start, centre)) (\(euros(offer.price))). Je réserve ? (oui/non)",
            "Ik stel \(offer.name) voor \(vehicle.plate.value) voor \(when(start, centre)) (\(euros(offer.price))). Zal ik boeken? (ja/nee)",
            "I can book \(offer.name) for \(vehicle.plate.value) \(when(start, centre)) (\(euros(offer.price))). Shall I book it? (yes/no)"
        )
    }

    func proposeMove(_ booking: Appointment, to start: Date, _ centre: Centre) -> String {
        say(
            "Votre rendez-vous \(when(booking.start, centre)) peut passer \(when(start, centre)). Je le déplace ? (oui/non)",
            "Uw afspraak \(when(booking.start, centre)) kan naar \(when(start, centre)). Zal ik ze verplaatsen? (ja/nee)",
            "Your appointment \(when(booking.start, centre)) can move to \(when(start, centre)). Shall I move it? (yes/no)"
        )
    }

    func proposeCancel(_ booking: Appointment, fee: Money, _ centre: Centre) -> String {
        let cost =
            fee.minorUnits == 0
            ? say("sans frais", "zonder kosten", "free of charge")
            : say("avec des frais de \(euros(fee))", "met \(euros(fee)) kosten", "with a fee of \(euros(fee))")
        return say(
            "J'annule votre rendez-vous \(when(booking.start, centre)), \(cost) ? (oui/non)",
            "Zal ik uw afspraak \(when(booking.start, centre)) annuleren, \(cost)? (ja/nee)",
            "Shall I cancel your appointment \(when(booking.start, centre)), \(cost)? (yes/no)")
    }

    func booked(_ booking: Appointment, _ centre: Centre) -> String {
        say(
            "C'est réservé \(when(booking.start, centre)).", "Geboekt \(when(booking.start, centre)).",
            "Booked \(when(booking.start, centre)).")
            + (booking.status == .held
                ? " "
                    + say(
                        "Payez en ligne pour le confirmer.", "Betaal online om te bevestigen.",
                        "Pay online to confirm it.")
                : "")
    }

    func moved(_ booking: Appointment, _ centre: Centre) -> String {
        say(
            "C'est déplacé \(when(booking.start, centre)).", "Verplaatst naar \(when(booking.start, centre)).",
            "Moved to \(when(booking.start, centre)).")
    }

    func cancelled(_ booking: Appointment) -> String {
        let fee = booking.cancellation?.fee
        return say("Votre rendez-vous est annulé.", "Uw afspraak is geannuleerd.", "Your appointment is cancelled.")
            + (fee.map { $0.minorUnits > 0 } == true
                ? " " + say("Frais : \(euros(fee!)).", "Kosten: \(euros(fee!)).", "Fee: \(euros(fee!)).") : "")
    }

    var nothingChanged: String {
        say("D'accord, je ne change rien.", "Goed, ik verander niets.", "All right, nothing changed.")
    }
    var failed: String {
        say(
            "Je n'ai pas pu le faire : ce créneau n'est peut-être plus libre. Redemandez-moi.",
            "Dat is niet gelukt: dat tijdstip is misschien niet meer vrij. Vraag het opnieuw.",
            "I could not do it: that slot may no longer be free. Please ask again.")
    }
    var needsAccount: String {
        say(
            "Connectez-vous à votre compte client pour voir vos résultats.",
            "Meld u aan met uw klantenaccount om uw resultaten te zien.",
            "Sign in to your customer account to see your results.")
    }
    var useBookingForm: String {
        say(
            "Réservez avec le formulaire de cette page, ou ouvrez un compte client et je réserve pour vous.",
            "Boek met het formulier op deze pagina, of open een klantenaccount en ik boek voor u.",
            "Book with the form on this page, or open a customer account and I will book for you.")
    }
    var useMailedLinks: String {
        say(
            "Utilisez les liens de l'e-mail de confirmation pour déplacer ou annuler votre rendez-vous.",
            "Gebruik de links in de bevestigingsmail om uw afspraak te verplaatsen of te annuleren.",
            "Use the links in your confirmation email to move or cancel your appointment.")
    }
    var noBooking: String {
        say(
            "Vous n'avez pas de rendez-vous à venir.", "U hebt geen komende afspraak.",
            "You have no upcoming appointment.")
    }
    var noResult: String {
        say(
            "Je ne trouve aucun contrôle terminé pour vos véhicules.",
            "Ik vind geen afgeronde keuring voor uw voertuigen.",
            "I find no completed inspection of your vehicles.")
    }
    var noVehicle: String {
        say(
            "Je ne connais pas encore votre véhicule : réservez une première fois avec le formulaire.",
            "Ik ken uw voertuig nog niet: boek een eerste keer met het formulier.",
            "I do not know your vehicle yet: book once with the form.")
    }
    var noService: String {
        say(
            "Ce centre ne propose pas ce contrôle.", "Dit centrum biedt die keuring niet aan.",
            "This centre does not offer that inspection.")
    }
    var noSlot: String {
        say(
            "Aucun créneau libre dans les 14 prochains jours.", "Geen vrij tijdstip in de komende 14 dagen.",
            "No free slot in the next 14 days.")
    }
}
