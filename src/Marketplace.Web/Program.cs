using Marketplace.Infrastructure.Seeding;
using Marketplace.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddMarketplaceServices();

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services);

app.UseMarketplacePipeline();
app.MapMarketplaceEndpoints();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
