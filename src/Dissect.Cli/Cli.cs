using System.CommandLine;
using System.CommandLine.Parsing;
using Dissect.Capture;

namespace Dissect.Cli;

/// <summary>
/// The `dissect` command line: parsing (System.CommandLine) and dispatch. Everything writes through the injected
/// writers, so tests run commands in-process. Errors are one "dissect: …" line on stderr and an exit code
/// (<see cref="ExitCodes"/>), never a stack trace.
/// </summary>
public static class Cli
{
    const string ExitCodeHelp =
        "Exit codes: 0 success; 1 bad option or unknown -e field; 2 capture file missing, unreadable, not a capture, " +
        "or cut short (every complete packet is printed first, then a warning; tshark exits 2 too); " +
        "4 bad display filter (-Y); 70 internal error.";

    /// <summary>Runs with output to text writers (tests).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        => Run(args, new OutputTarget(stdout), stderr);

    /// <summary>Runs with packet output to a byte stream (the process's stdout) and help text to
    /// <paramref name="stdoutText"/>.</summary>
    public static int Run(string[] args, Stream stdout, TextWriter stdoutText, TextWriter stderr)
        => Run(args, new OutputTarget(stdout, stdoutText), stderr);

    static int Run(string[] args, OutputTarget target, TextWriter stderr)
    {
        try
        {
            var root = BuildCommands(target, stderr);
            var config = new ParserConfiguration { EnablePosixBundling = true, ResponseFileTokenReplacer = null };
            var result = root.Parse(args, config);
            if (result.Errors.Count > 0)
            {
                foreach (var error in result.Errors) stderr.WriteLine("dissect: " + OneLine(error.Message));
                stderr.WriteLine("dissect: see 'dissect --help'");
                stderr.Flush();
                return ExitCodes.BadOption;
            }
            var invocation = new InvocationConfiguration
            {
                Output = target.Text,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            };
            int rc = result.Invoke(invocation);
            target.Text.Flush();
            return rc;
        }
        catch (Exception ex)
        {
            return Fail(stderr, ex);
        }
    }

    /// <summary>Turns any exception into one line on stderr and its exit code.</summary>
    internal static int Fail(TextWriter stderr, Exception ex)
    {
        int code;
        string message;
        switch (ex)
        {
            case CliException c: code = c.ExitCode; message = c.Message; break;
            case CaptureFileException c: code = ExitCodes.BadFile; message = c.Message; break;
            case IOException or UnauthorizedAccessException: code = ExitCodes.BadFile; message = ex.Message; break;
            default: code = ExitCodes.Internal; message = $"internal error: {ex.GetType().Name}: {ex.Message}"; break;
        }
        try
        {
            // A display-filter error keeps its caret lines (expression, ^~~~ under the token, message).
            if (code == ExitCodes.BadFilter) stderr.WriteLine("dissect: " + message.Trim());
            else stderr.WriteLine(Prefixed(message));
            stderr.Flush();
        }
        catch (IOException) { }
        return code;
    }

    /// <summary>"dissect: message" on one line (messages that already carry the prefix keep theirs).</summary>
    internal static string Prefixed(string message)
    {
        message = OneLine(message);
        return message.StartsWith("dissect: ", StringComparison.Ordinal) ? message : "dissect: " + message;
    }

    internal static string OneLine(string s)
    {
        s = s.Trim();
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s.Substring(0, nl).TrimEnd();
    }

    // ---- command tree ----

    sealed class ReadOptions
    {
        public readonly Option<string?> File = new("-r") { Description = "Read packets from FILE (pcap or pcapng)", HelpName = "FILE" };
        public readonly Option<bool> Verbose = new("-V") { Description = "Print the packet detail tree" };
        public readonly Option<bool> Hex = new("-x") { Description = "Print a hex and ASCII dump of each packet (alone: only the dump, as tshark)" };
        public readonly Option<bool> Summary = new("-P") { Description = "Print the summary line too (with -x, -V or -w)" };
        public readonly Option<bool> Quiet = new("-q") { Description = "No per-packet output" };
        public readonly Option<bool> NoResolve = new("-n") { Description = "No name resolution (shows ff:ff:ff:ff:ff:ff, not Broadcast)" };
        public readonly Option<long?> Count = new("-c") { Description = "Stop after N packets", HelpName = "N" };
        public readonly Option<string?> Filter = new("-Y") { Description = "Display filter (Wireshark's language): only matching packets are printed or written", HelpName = "FILTER" };
        public readonly Option<string?> ReadFilter = new("-R") { Description = "Read filter: treated like -Y (single pass)", HelpName = "FILTER" };
        public readonly Option<string?> Format = new("-T") { Description = "Output format: text (default), fields, json", HelpName = "text|fields|json" };
        public readonly Option<string[]> Fields = new("-e") { Description = "Field to print with -T fields (repeat; _ws.col.Info etc. allowed)", HelpName = "FIELD", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };
        public readonly Option<string[]> FieldOptions = new("-E") { Description = "-T fields option: header=y|n, separator=/t|/s|C, quote=d|s|n, occurrence=f|l|a, aggregator=,|/s|C", HelpName = "NAME=VALUE", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };
        public readonly Option<string?> Write = new("-w") { Description = "Write the packets read to FILE (pcapng, or pcap by extension); prints nothing unless -P/-V/-x/-T", HelpName = "FILE" };
        public readonly Option<string[]> DecodeAs = DecodeAsOption();

        public void AddTo(Command c)
        {
            foreach (var o in new Option[] { File, Verbose, Hex, Summary, Quiet, NoResolve, Count, Filter, ReadFilter, Format, Fields, FieldOptions, Write, DecodeAs })
                c.Options.Add(o);
        }

        public ReadSettings Bind(ParseResult r, string? file)
        {
            var s = new ReadSettings
            {
                File = file ?? r.GetValue(File),
                Verbose = r.GetValue(Verbose),
                Hex = r.GetValue(Hex),
                PrintSummary = r.GetValue(Summary),
                Quiet = r.GetValue(Quiet),
                NoResolve = r.GetValue(NoResolve),
                Count = r.GetValue(Count) ?? -1,
                DisplayFilter = r.GetValue(Filter) ?? r.GetValue(ReadFilter),
                OutputFormat = r.GetValue(Format),
                WriteFile = r.GetValue(Write),
            };
            if (r.GetValue(Count) is { } c && c <= 0)
                throw new CliException($"invalid -c value {c}: the packet count must be a positive number", ExitCodes.BadOption);
            if (file is not null && r.GetValue(File) is { } other && other != file)
                throw new CliException("give the capture file once (either -r FILE or read FILE)", ExitCodes.BadOption);
            s.Fields.AddRange(r.GetValue(Fields) ?? []);
            s.FieldOptions.AddRange(r.GetValue(FieldOptions) ?? []);
            s.DecodeAs.AddRange(r.GetValue(DecodeAs) ?? []);
            return s;
        }
    }

    /// <summary>-d TABLE==SELECTOR,PROTO (tshark's decode-as), repeatable, on every command that reads packets.</summary>
    static Option<string[]> DecodeAsOption() => new("-d")
    {
        Description = "Decode as: -d tcp.port==8888,http (ranges 8000-8010 or 8000:3; 'dissect -d .' lists the tables)",
        HelpName = "TABLE==SELECTOR,PROTO", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false,
    };

    static RootCommand BuildCommands(OutputTarget target, TextWriter stderr)
    {
        var root = new RootCommand(
            "dissect: a tshark-like packet analyzer for pcap and pcapng files.\n" +
            "  dissect read FILE [options]   (same as: dissect -r FILE [options])\n" +
            "  dissect fields [PROTO]        every field, like tshark -G fields\n" +
            "  dissect info FILE...          capture file facts, like capinfos\n" +
            "  dissect stats KIND FILE       statistics (conv,tcp  endpoints,ip  phs  io,stat,1  expert  tcp)\n" +
            "  dissect follow tcp,ascii,N FILE   a stream's payload\n" +
            "  dissect flow FILE [-Y F]      ladder diagram\n" +
            "  dissect filter-check EXPR     check a display filter\n" +
            "  dissect interfaces | capture -i IFACE   live capture (libpcap)\n" + ExitCodeHelp);
        var rootRead = new ReadOptions();
        rootRead.AddTo(root);
        root.SetAction(r =>
        {
            var s = rootRead.Bind(r, null);
            return DecodeAs.Run(s.DecodeAs, stderr, rules =>
            {
                s.DecodeAsRules = rules;
                if (s.File is null)
                    throw new CliException("no capture file: use 'dissect -r FILE' or 'dissect read FILE' (live capture is not supported here)", ExitCodes.BadOption);
                return ReadCommand.Run(s, target, stderr);
            });
        });

        var read = new Command("read", "Read a capture file and print its packets like tshark -r.\n" + ExitCodeHelp);
        var readFile = new Argument<string?>("FILE") { Description = "Capture file (pcap or pcapng)", Arity = ArgumentArity.ZeroOrOne };
        read.Arguments.Add(readFile);
        var readOpts = new ReadOptions();
        readOpts.AddTo(read);
        read.SetAction(r =>
        {
            var s = readOpts.Bind(r, r.GetValue(readFile));
            return DecodeAs.Run(s.DecodeAs, stderr, rules =>
            {
                s.DecodeAsRules = rules;
                if (s.File is null) throw new CliException("no capture file: use 'dissect read FILE'", ExitCodes.BadOption);
                return ReadCommand.Run(s, target, stderr);
            });
        });
        root.Subcommands.Add(read);

        var fields = new Command("fields", "List every registered protocol and field like tshark -G fields " +
            "(P<TAB>name<TAB>abbrev; F<TAB>name<TAB>abbrev<TAB>type<TAB>protocol<TAB>base<TAB>bitmask<TAB>blurb).");
        var proto = new Argument<string?>("PROTO") { Description = "Only this protocol's fields (e.g. tcp)", Arity = ArgumentArity.ZeroOrOne };
        fields.Arguments.Add(proto);
        fields.SetAction(r => FieldsCommand.Run(r.GetValue(proto), target));
        root.Subcommands.Add(fields);

        var info = new Command("info", "Print facts about capture files like capinfos.");
        var files = new Argument<string[]>("FILE") { Description = "Capture files", Arity = ArgumentArity.OneOrMore };
        info.Arguments.Add(files);
        info.SetAction(r => InfoCommand.Run(r.GetValue(files) ?? [], target, stderr));
        root.Subcommands.Add(info);

        var stats = new Command("stats", "Statistics like tshark -q -z: conv,eth|ip|ipv6|tcp|udp; endpoints,TYPE; phs; " +
            "io,stat,SECONDS; expert; tcp (per-connection report: RTT, retransmissions, windows, Zeek conn_state, diagnosis).");
        var statsKind = new Argument<string>("KIND") { Description = "conv,tcp | endpoints,ip | phs | io,stat,1 | expert | tcp" };
        var statsFile = new Argument<string>("FILE") { Description = "Capture file" };
        var statsFilter = new Option<string?>("-Y") { Description = "Display filter: count only matching packets", HelpName = "FILTER" };
        var statsFormat = new Option<string?>("-T") { Description = "json (for stats tcp)", HelpName = "text|json" };
        stats.Arguments.Add(statsKind); stats.Arguments.Add(statsFile);
        var statsDecodeAs = DecodeAsOption();
        stats.Options.Add(statsFilter); stats.Options.Add(statsFormat); stats.Options.Add(statsDecodeAs);
        stats.SetAction(r => DecodeAs.Run(r.GetValue(statsDecodeAs), stderr,
            rules => StatsCommand.Run(r.GetValue(statsKind)!, r.GetValue(statsFile)!, r.GetValue(statsFilter), r.GetValue(statsFormat), target, stderr, rules)));
        root.Subcommands.Add(stats);

        var follow = new Command("follow", "Print a stream's payload like tshark -z follow: follow tcp|udp,ascii|hex|raw,STREAM FILE.");
        var followSpec = new Argument<string>("SPEC") { Description = "tcp|udp|http,ascii|hex|raw,STREAM (e.g. tcp,ascii,0)" };
        var followFile = new Argument<string>("FILE") { Description = "Capture file" };
        var followDecodeAs = DecodeAsOption();
        follow.Arguments.Add(followSpec); follow.Arguments.Add(followFile); follow.Options.Add(followDecodeAs);
        follow.SetAction(r => DecodeAs.Run(r.GetValue(followDecodeAs), stderr,
            rules => FollowCommand.Run(r.GetValue(followSpec)!, r.GetValue(followFile)!, target, stderr, rules)));
        root.Subcommands.Add(follow);

        var export = new Command("export-objects", "Write the HTTP objects of a capture into a folder, like tshark --export-objects http,DIR.");
        var exportProto = new Argument<string>("PROTOCOL") { Description = "http" };
        var exportDir = new Argument<string>("DIR") { Description = "Folder to write the objects into (created if missing)" };
        var exportFile = new Argument<string>("FILE") { Description = "Capture file" };
        export.Arguments.Add(exportProto); export.Arguments.Add(exportDir); export.Arguments.Add(exportFile);
        export.SetAction(r => ExportObjectsCommand.Run(r.GetValue(exportProto)!, r.GetValue(exportDir)!, r.GetValue(exportFile)!, target.Text, stderr));
        root.Subcommands.Add(export);

        var flow = new Command("flow", "Ladder diagram of the packets (one column per host, one arrow per packet).");
        var flowFile = new Argument<string>("FILE") { Description = "Capture file" };
        var flowFilter = new Option<string?>("-Y") { Description = "Display filter: draw only matching packets", HelpName = "FILTER" };
        var flowDecodeAs = DecodeAsOption();
        flow.Arguments.Add(flowFile); flow.Options.Add(flowFilter); flow.Options.Add(flowDecodeAs);
        flow.SetAction(r => DecodeAs.Run(r.GetValue(flowDecodeAs), stderr,
            rules => FlowCommand.Run(r.GetValue(flowFile)!, r.GetValue(flowFilter), target, stderr, rules)));
        root.Subcommands.Add(flow);

        var check = new Command("filter-check", "Check a display filter: prints the normalized expression and the fields it uses, or the error (exit code 4).");
        var expr = new Argument<string>("EXPR") { Description = "Display filter" };
        check.Arguments.Add(expr);
        check.SetAction(r =>
        {
            var res = Dissect.Filter.FilterCli.Check(r.GetValue(expr)!, Dissect.Dissectors.BuiltIn.CreateTables().Registry);
            (res.ExitCode == 0 ? target.Text : stderr).Write(res.Text.EndsWith('\n') ? res.Text : res.Text + "\n");
            target.Text.Flush(); stderr.Flush();
            return res.ExitCode;
        });
        root.Subcommands.Add(check);

        var ifaces = new Command("interfaces", "List the capture interfaces like tshark -D (needs libpcap).");
        ifaces.SetAction(_ => CaptureCommand.Interfaces(target));
        root.Subcommands.Add(ifaces);

        var capture = new Command("capture", "Capture live packets through libpcap (root or cap_net_raw needed).");
        var cIf = new Option<string[]>("-i") { Description = "Interface (repeat for several)", HelpName = "IFACE", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var cBpf = new Option<string?>("-f") { Description = "Capture filter (BPF)", HelpName = "BPF" };
        var cSnap = new Option<int?>("-s") { Description = "Snapshot length", HelpName = "SNAPLEN" };
        var cNoPromisc = new Option<bool>("-p") { Description = "Don't put the interface in promiscuous mode" };
        var cBuf = new Option<int?>("-B") { Description = "Kernel buffer size in MiB", HelpName = "MiB" };
        var cCount = new Option<long?>("-c") { Description = "Stop after N packets", HelpName = "N" };
        var cAuto = new Option<string[]>("-a") { Description = "Autostop: duration:SEC | packets:N | filesize:KB", HelpName = "COND", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var cWrite = new Option<string?>("-w") { Description = "Write to FILE (pcapng, or pcap by extension)", HelpName = "FILE" };
        var cRing = new Option<string[]>("-b") { Description = "Ring buffer: filesize:KB,files:N", HelpName = "SPEC", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var cQuiet = new Option<bool>("-q") { Description = "Don't print packets" };
        var cUser = new Option<string?>("-Z") { Description = "Drop privileges to USER after opening the interfaces", HelpName = "USER" };
        var cFilter = new Option<string?>("-Y") { Description = "Display filter for the printed packets", HelpName = "FILTER" };
        var cDecodeAs = DecodeAsOption();
        foreach (var o in new Option[] { cIf, cBpf, cSnap, cNoPromisc, cBuf, cCount, cAuto, cWrite, cRing, cQuiet, cUser, cFilter, cDecodeAs }) capture.Options.Add(o);
        capture.SetAction(r => DecodeAs.Run(r.GetValue(cDecodeAs), stderr, rules =>
        {
            var ifs = r.GetValue(cIf) ?? [];
            if (ifs.Length == 0) throw new CliException("no interface: use -i IFACE (see 'dissect interfaces')", ExitCodes.BadOption);
            var o = new Dissect.Capture.Live.LiveCaptureOptions
            {
                Interfaces = ifs, CaptureFilter = r.GetValue(cBpf), NoPromiscuous = r.GetValue(cNoPromisc),
                PacketCount = r.GetValue(cCount) ?? 0, WriteFile = r.GetValue(cWrite), Quiet = r.GetValue(cQuiet), User = r.GetValue(cUser),
            };
            if (r.GetValue(cSnap) is { } snap) o = o with { SnapLength = snap };
            if (r.GetValue(cBuf) is { } buf) o = o with { BufferMiB = buf };
            try
            {
                foreach (var a in r.GetValue(cAuto) ?? []) o = o.WithAutostop(a);
                foreach (var b in r.GetValue(cRing) ?? []) o = o.WithRingBuffer(b);
            }
            catch (ArgumentException e) { throw new CliException(e.Message, ExitCodes.BadOption); }
            return CaptureCommand.Run(o, r.GetValue(cFilter), target, stderr, rules);
        }));
        root.Subcommands.Add(capture);

        return root;
    }
}
