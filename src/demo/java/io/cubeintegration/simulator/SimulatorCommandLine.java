package io.cubeintegration.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The standalone simulator's options: for trying the application, or a client of one's own, without a Cube account.
 * Its day follows the clock, as Cube's does.
 */
final class SimulatorCommandLine {

    /** Exit code of a usage error, as the application's own command line. */
    static final int USAGE = 2;

    private record Option(String argument, String description, BiConsumer<SimulatorSettings.Builder, Integer> apply) {
    }

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--port", new Option("N", "port on 127.0.0.1 (default 0: any free port, printed at start)",
                SimulatorSettings.Builder::port));
        OPTIONS.put("--seed", new Option("N", "seed of the generated account (default 42): the same seed, the same records",
                (settings, seed) -> settings.seed(seed)));
        OPTIONS.put("--latency-ms", new Option("N", "delay of every answer, in milliseconds (default 0)",
                SimulatorSettings.Builder::latencyMillis));
        OPTIONS.put("--customers", new Option("N", "customers of each assignment (default 1000)",
                SimulatorSettings.Builder::customersPerAssignment));
        OPTIONS.put("--responses-per-day", new Option("N", "responses of each campaign a day (default 120)",
                SimulatorSettings.Builder::responsesPerDay));
        OPTIONS.put("--active-customers", new Option("N", "customers a campaign's day names, in turn (default 0: any, at random)",
                SimulatorSettings.Builder::activeCustomers));
        OPTIONS.put("--extra-campaigns", new Option("N", "campaigns beyond the default three, ids 1001 on (default 0)",
                SimulatorSettings.Builder::extraCampaigns));
        OPTIONS.put("--campaign-turnover", new Option("0|1", "1 (default): a campaign archived yesterday and one started two days ago",
                (settings, on) -> settings.campaignTurnover(onOff("campaignTurnover", on))));
    }

    private SimulatorCommandLine() {
    }

    /** What the arguments ask for: a simulator with these settings, or (settings null) to exit with this code. */
    record Parsed(SimulatorSettings settings, int exitCode) {
    }

    /** Parses the arguments; --help and usage errors are printed here. */
    static Parsed parse(String[] args, PrintStream out, PrintStream err) {
        // campaigns come and go by default, so that trying the application shows what it does when they do
        SimulatorSettings.Builder settings = SimulatorSettings.builder().clock(Clock.systemUTC()).campaignTurnover(true);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(usage());
                return new Parsed(null, 0);
            }
            Option option = OPTIONS.get(args[i]);
            String problem = null;
            if (option == null) {
                problem = "unknown option " + args[i];
            } else if (i + 1 >= args.length) {
                problem = args[i] + " needs a value";
            } else {
                String value = args[++i];
                try {
                    option.apply().accept(settings, Integer.valueOf(value));
                } catch (NumberFormatException e) {
                    problem = args[i - 1] + " " + value + " is not a whole number";
                } catch (IllegalArgumentException e) {
                    problem = args[i - 1] + " " + value + ": " + e.getMessage();
                }
            }
            if (problem != null) {
                err.println("cube-simulator: " + problem);
                err.print(usage());
                return new Parsed(null, USAGE);
            }
        }
        return new Parsed(settings.build(), 0);
    }

    private static boolean onOff(String name, int value) {
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException(name + " must be 0 or 1 but was " + value);
        }
        return value == 1;
    }

    static String usage() {
        SimulatorSettings defaults = SimulatorSettings.builder().build();
        StringBuilder text = new StringBuilder();
        text.append("Usage: java -cp \"cube-integration.jar:lib/*\" io.cubeintegration.simulator.CubeSimulator [options]\n\n");
        text.append("A Headshed Cube API on 127.0.0.1 with generated data, to try cube-integration without an account.\n");
        text.append("Its day follows the clock in Europe/Oslo: today's responses, call outcomes and SMS appear as their time passes.\n\n");
        text.append("Options:\n");
        OPTIONS.forEach((name, option) -> text.append(String.format("  %-24s %s%n", name + " " + option.argument(), option.description())));
        text.append(String.format("  %-24s %s%n", "--help", "this text"));
        text.append("\n").append(credentials(defaults, null));
        return text.toString();
    }

    /** The credentials and ids it accepts, and the settings that point cube-integration at it. */
    static String credentials(SimulatorSettings settings, CubeSimulator simulator) {
        SimulatedAccount account = simulator != null ? simulator.account() : new SimulatedAccount(settings);
        String url = simulator != null ? simulator.baseUrl().toString() : "http://127.0.0.1:<port>/api/v1/";
        return "It accepts the token " + settings.token() + " (Authorization: Token " + settings.token() + ")"
                + " or Basic " + settings.username() + " / " + settings.password() + ".\n"
                + "Campaign " + account.defaultCampaignId() + " on assignment " + account.defaultAssignmentId()
                + " holds the example feeds' data. Point cube-integration at it with:\n"
                + "  CUBE_BASE_URL=" + url + " CUBE_ALLOW_HTTP=true CUBE_TOKEN=" + settings.token()
                + " CUBE_CAMPAIGN_ID=" + account.defaultCampaignId() + " CUBE_ASSIGNMENT_ID=" + account.defaultAssignmentId() + "\n";
    }
}
