using Marketplace.Bench;

// The parts of infra/bench/run.sh that need the real schema or a real client: see README.md there.
var command = args.Length > 0 ? args[0] : "";
var options = BenchOptions.Parse(args.Skip(1));
try
{
    Environment.ExitCode = command switch
    {
        "targets" => await BenchTargets.WriteAsync(options),
        "storm-day" => await StormDay.PrepareAsync(options),
        "storm" => await BookingStorm.RunAsync(options),
        "mail" => await MailFanOut.RunAsync(options),
        _ => Usage(),
    };
}
catch (BenchOptionException e)
{
    Console.Error.WriteLine(e.Message);
    Environment.ExitCode = Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Marketplace.Bench targets   --db FILE --out DIR
               Marketplace.Bench storm-day --db FILE
               Marketplace.Bench storm     --db FILE --url URL --day ID [--producers 1000] [--password P]
               Marketplace.Bench mail      --db FILE --smtp-port PORT [--messages 100000]
        """);
    return 2;
}
