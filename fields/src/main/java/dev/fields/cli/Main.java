package dev.fields.cli;

import dev.fields.io.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Entry point of the {@code fields} command. User errors print one line and exit 2; bugs keep their stack trace. */
@Command(name = "fields", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train neural fields on the CPU and render them with OpenGL.",
        footer = {"", "Examples:",
                "  fields fit-image scenes/images/camera.png --out runs/camera",
                "  fields inspect runs/camera/camera.field",
                "Run 'fields COMMAND --help' for the options of each command."})
public final class Main implements Runnable {
    /** Tool version recorded in every blob's provenance. */
    public static final String VERSION = dev.fields.io.ToolVersion.VERSION;
    /** Exit code for errors the user can fix. */
    public static final int USER_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new FitImageCommand());
        cl.addSubcommand(new FitShapeCommand());
        cl.addSubcommand(new FitCtCommand());
        cl.addSubcommand(new FitSceneCommand());
        cl.addSubcommand(new MakeSinogramCommand());
        cl.addSubcommand(new MakeSceneCommand());
        cl.addSubcommand(new RenderCommand());
        cl.addSubcommand(new ViewCommand());
        cl.addSubcommand(new ExportGlslCommand());
        cl.addSubcommand(new ExportMeshCommand());
        cl.addSubcommand(new BenchCommand());
        // after the subcommands: these settings reach the commands present when they are made
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Size.class, new SizeConverter());
        cl.setExecutionStrategy(parsed -> {
            Logging.apply(Logging.verboseRequested(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            if (t instanceof UncheckedIOException u && u.getCause() != null) return userError(cmd, "I/O error: " + u.getMessage());
            if (t instanceof UserError) return userError(cmd, t.getMessage());
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println("fields: " + ex.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (see '" + name + " --help')");
            return USER_ERROR;
        });
        return cl;
    }

    private static int userError(CommandLine cmd, String message) {
        PrintWriter err = cmd.getErr();
        // one line whatever a message quotes from the user's files
        err.println("fields: error: " + String.valueOf(message).replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " "));
        err.flush();
        return USER_ERROR;
    }

    /** Prints the tool version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[]{"fields " + VERSION}; }
    }

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }
}
