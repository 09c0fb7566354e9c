using Marketplace.Infrastructure.Seeding;
using Marketplace.Web.Commands;
using Marketplace.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddMarketplaceServices();

var app = builder.Build();

if (args.Length > 0 && args[0] == CreateAdminCommand.Name)
{
    Environment.ExitCode = await CreateAdminCommand.RunAsync(app.Services, args, Console.In, Console.Out);
    return;
}
if (args.Length > 0 && args[0] == GenerateCommand.Name)
{
    Environment.ExitCode = await GenerateCommand.RunAsync(app.Services, args, Console.Out);
    return;
}

await DatabaseInitializer.InitializeAsync(app.Services);

app.UseMarketplacePipeline();
app.MapMarketplaceEndpoints();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
