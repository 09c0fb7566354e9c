using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Logging;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Marketplace.Infrastructure.Audit;
using Marketplace.Infrastructure.Bookings;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Fairs;
using Marketplace.Infrastructure.Producers;
using Marketplace.Infrastructure.Jobs;
using Marketplace.Infrastructure.Mail;
using Marketplace.Infrastructure.Seeding;
using Marketplace.Infrastructure.Subscriptions;
using Marketplace.Infrastructure.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>How many idle DbContexts are kept for reuse.</summary>
    public const int DbContextPoolSize = 64;

    /// <summary>The DbContext on the configured provider, with the outbox kick interceptor.</summary>
    public static IServiceCollection AddMarketplaceDatabase(this IServiceCollection services,
        IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Marketplace");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("ConnectionStrings:Marketplace is required for SQL Server.");
            }
            var folder = Path.Combine(environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "marketplace.db")}";
        }
        services.AddSingleton<OutboxKickInterceptor>();
        services.AddSingleton<PublicListingChanges>();
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<SqliteWriteGate>();
        // Pooled: a request takes a ready context instead of building its options and services
        // anew (a tenth of a booking post's time). The interceptors are singletons; the pool is
        // kept small, as each idle context keeps its memory.
        services.AddDbContextPool<MarketplaceDbContext>((provider, options) => options
            .UseMarketplaceProvider(database.Provider, connectionString)
            .AddInterceptors(provider.GetRequiredService<OutboxKickInterceptor>(),
                provider.GetRequiredService<PublicListingChanges>(),
                provider.GetRequiredService<AuditInterceptor>()), poolSize: DbContextPoolSize);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Readiness>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.Configure<SeedsOptions>(configuration.GetSection(SeedsOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        return services;
    }

    /// <summary>
    /// Mail through the outbox: SMTP when <c>Smtp:Host</c> is set, else .eml files in
    /// <c>Mail:PickupDirectory</c> (the default in Development). Outside Development a missing
    /// SMTP host without an explicit pickup folder stops the app rather than losing mail, and so does a
    /// missing <c>Site:BaseUrl</c> (the links in the mails would have no trustworthy address).
    /// </summary>
    public static IServiceCollection AddMarketplaceMail(this IServiceCollection services,
        IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.Section));
        SiteOptions.Require(configuration[$"{SiteOptions.Section}:{nameof(SiteOptions.BaseUrl)}"], environment.IsDevelopment());
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        var pickup = mail.PickupDirectory;
        if (string.IsNullOrWhiteSpace(smtp.Host) && string.IsNullOrWhiteSpace(pickup))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "No mail delivery configured: set Smtp:Host, or Mail:PickupDirectory to write .eml files.");
            }
            pickup = Path.Combine(environment.ContentRootPath, "App_Data", "mail");
        }
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.PostConfigure<MailOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.PickupDirectory))
            {
                o.PickupDirectory = pickup;
            }
        });
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            services.AddSingleton<IMailTransport, PickupDirectoryMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        services.AddSingleton<MailComposer>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteUrl>();
        services.AddScoped<Outbox>();
        services.AddScoped<ProducerMessenger>();
        services.AddMemoryCache();
        services.AddScoped<Regions.RegionBrands>();
        services.Configure<Regions.BrandOptions>(configuration.GetSection(Regions.BrandOptions.Section));
        // One instance for the kicks and for Hangfire's kicked runs: they share the queued mark.
        services.AddSingleton<HangfireOutboxKick>();
        services.AddSingleton<IOutboxKick>(provider => provider.GetRequiredService<HangfireOutboxKick>());
        return services;
    }

    /// <summary>Hangfire on in-memory storage (default) or SQL Server, and the job classes.</summary>
    public static IServiceCollection AddMarketplaceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        // Storage and activator belong to this host, not to Hangfire's process-wide statics,
        // so several hosts in one process (the integration tests) never run each other's jobs.
        services.AddSingleton<JobStorage>(_ => CreateJobStorage(jobs, configuration));
        services.AddSingleton<JobActivator>(provider =>
            new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(provider =>
        {
            var logging = new JobFilterCollection();
            logging.Add(new LogFailedJobsFilter(provider.GetRequiredService<ILogger<LogFailedJobsFilter>>()));
            return new JobFilterProviderCollection([.. JobFilterProviders.Providers, logging]);
        });
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (jobs.RunServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = jobs.WorkerCount;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
        services.AddScoped<MaterializeFairDays>();
        services.AddScoped<SendOutboxMessages>();
        services.AddBookings();
        services.AddProducers();
        services.AddFairCalendar();
        services.AddSubscriptions();
        services.AddStaffOperations();
        return services;
    }

    private static JobStorage CreateJobStorage(JobsOptions jobs, IConfiguration configuration)
    {
        if (string.Equals(jobs.Storage, JobsOptions.SqlServer, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("Hangfire")
                ?? configuration.GetConnectionString("Marketplace")
                ?? throw new InvalidOperationException("Jobs:Storage=SqlServer needs a connection string.");
            return new SqlServerStorage(connectionString, new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            });
        }
        if (string.Equals(jobs.Storage, JobsOptions.InMemory, StringComparison.OrdinalIgnoreCase))
        {
            return new InMemoryStorage(new InMemoryStorageOptions());
        }
        throw new InvalidOperationException($"Jobs:Storage must be 'InMemory' or 'SqlServer', not '{jobs.Storage}'.");
    }
}
