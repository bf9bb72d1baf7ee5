package io.cubeintegration.simulator;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The Norwegian words the generated records are made of; many carry æ, ø and å on purpose. */
final class NorwegianVocabulary {

    static final List<String> FIRST_NAMES = List.of(
            "Ola", "Kari", "Bjørn", "Åse", "Sølvi", "Håkon", "Øystein", "Jørgen", "Mette", "Ståle",
            "Kjærsti", "Pål", "Gøril", "Åsmund", "Ingrid", "Torbjørn", "Sigrid", "Lars", "Ragnhild", "Bård",
            "Nils", "Grete", "Øyvind", "Solveig", "Trygve", "Marit", "Tønnes", "Ærle", "Randi", "Jon");

    static final List<String> LAST_NAMES = List.of(
            "Nordmann", "Bjørnstad", "Sæther", "Løvås", "Hågensen", "Ødegård", "Strøm", "Kvåle", "Myhre", "Dahl",
            "Bråten", "Hæreid", "Aasland", "Fjærli", "Sørensen", "Lie", "Våge", "Holmøy", "Ås", "Grønvold",
            "Berg", "Tangen", "Mørk", "Kråkenes", "Eriksen", "Hansen", "Solbakken", "Østby", "Næss", "Haugland");

    static final List<String> STREETS = List.of(
            "Hinnavågen", "Storgata", "Kongens gate", "Øvre Slottsgate", "Bjørnveien", "Sjøgata", "Fjellveien",
            "Løkkeveien", "Kirkegårdsveien", "Ålesundgata", "Prestegårdsveien", "Strandvegen", "Måkeveien",
            "Sørlandsveien", "Bærumsveien", "Grønlandsleiret", "Tårnveien", "Fløyveien");

    /** Postcode and town pairs. */
    static final List<String[]> PLACES = List.of(
            new String[] {"4707", "Vennesla"}, new String[] {"0150", "Oslo"}, new String[] {"5003", "Bergen"},
            new String[] {"7010", "Trondheim"}, new String[] {"9008", "Tromsø"}, new String[] {"4610", "Kristiansand"},
            new String[] {"6002", "Ålesund"}, new String[] {"1832", "Askim"}, new String[] {"3611", "Kongsberg"},
            new String[] {"8006", "Bodø"}, new String[] {"2317", "Hamar"}, new String[] {"4306", "Sandnes"},
            new String[] {"1607", "Fredrikstad"}, new String[] {"3015", "Drammen"}, new String[] {"9510", "Alta"},
            new String[] {"6413", "Molde"}, new String[] {"2609", "Lillehammer"}, new String[] {"4836", "Arendal"},
            new String[] {"8305", "Svolvær"}, new String[] {"3510", "Hønefoss"}, new String[] {"2000", "Lillestrøm"},
            new String[] {"1440", "Drøbak"}, new String[] {"9300", "Finnsnes"}, new String[] {"6823", "Sandane"});

    static final List<String> COMPANY_OWNERS = List.of(
            "Olas", "Pers", "Kjærs", "Bjørns", "Fjord", "Nordlys", "Vestlandske", "Sørlandets", "Trøndersk", "Håløygs",
            "Åsens", "Møre", "Grønli", "Ødegårds");

    /** Company kinds with the industry Cube stores for them. */
    static final List<String[]> COMPANY_KINDS = List.of(
            new String[] {"Produksjon AS", "PRODUKSJON"}, new String[] {"Hårklipperi AS", "FRISØR"},
            new String[] {"Bakeri AS", "BAKERI"}, new String[] {"Rørlegger AS", "RØRLEGGER"},
            new String[] {"Eiendom AS", "EIENDOM"}, new String[] {"Transport AS", "TRANSPORT"},
            new String[] {"Fiskeoppdrett AS", "HAVBRUK"}, new String[] {"Regnskap AS", "REGNSKAP"},
            new String[] {"Snekkerverksted AS", "SNEKKER"}, new String[] {"Blomster AS", "BLOMSTERHANDEL"});

    static final List<String> EMAIL_DOMAINS = List.of("hotmail.com", "gmail.com", "online.no", "epost.no", "broadpark.no");

    static final List<String> AGENTS = List.of(
            "kari.lovas@callcenter.no", "bjorn.saether@callcenter.no", "ase.hagensen@callcenter.no",
            "someone@callcenter.no", "ola.odegard@callcenter.no", "solvi.strom@callcenter.no");

    static final List<String> COMMENTS = List.of(
            "Kunden ønsker å bli oppringt på fredag.", "Hyggelig samtale – vurderer tilbudet.",
            "Bor på hytta i sommer, ring etter 15. august.", "Ønsker informasjon på e-post før avgjørelse.",
            "Misfornøyd med forrige leverandør.", "Snakket med ektefelle, «ring igjen neste uke».");

    static final List<String> SMS_TEXTS = List.of(
            "Hei %s! Takk for en hyggelig samtale. Tilbudet ditt finner du på Min side.",
            "Hei %s, vi prøvde å nå deg i dag. Ring oss gjerne tilbake på 22 33 44 55.",
            "Påminnelse til %s: avtalen din er bekreftet. Svar STOPP for å reservere deg.",
            "Hei %s! Vi har sendt deg et tilbud på e-post. Svar JA for å bekrefte bestillingen. Vennlig hilsen kundeservice.");

    private NorwegianVocabulary() {
    }

    static <T> T pick(List<T> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }

    /** Eight digits like a Norwegian phone number; mobile numbers start with 4 or 9. */
    static String phoneNumber(SplittableRandom random) {
        int first = random.nextBoolean() ? (random.nextBoolean() ? 4 : 9) : 2 + random.nextInt(6);
        return first + String.format("%07d", random.nextInt(10_000_000));
    }

    /** The name as it would appear in an e-mail address: æ ø å spelled out, lower case. */
    static String asEmailLocalPart(String name) {
        return name.toLowerCase(Locale.ROOT)
                .replace("æ", "ae").replace("ø", "o").replace("å", "aa")
                .replace(' ', '.')
                .replaceAll("[^a-z0-9.]", "");
    }
}
