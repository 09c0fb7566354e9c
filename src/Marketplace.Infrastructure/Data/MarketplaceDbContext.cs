using Marketplace.Domain.Audit;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Files;
using Marketplace.Domain.Notices;
using Marketplace.Domain.Common;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Fairs.Imports;
using Marketplace.Domain.Mail;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Staff;
using Marketplace.Domain.Subscriptions;
using Marketplace.Domain.Venues;
using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Infrastructure.Data;

/// <summary>The one database of the site, Identity included, on SQLite or SQL Server.</summary>
public class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Corridor> Corridors => Set<Corridor>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Stall> Stalls => Set<Stall>();
    public DbSet<FairSeries> FairSeries => Set<FairSeries>();
    public DbSet<FairSeriesStop> FairSeriesStops => Set<FairSeriesStop>();
    public DbSet<FairDay> FairDays => Set<FairDay>();
    public DbSet<Producer> Producers => Set<Producer>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<ProducerProduct> ProducerProducts => Set<ProducerProduct>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<SeedRecord> SeedRecords => Set<SeedRecord>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Certification> Certifications => Set<Certification>();
    public DbSet<SeriesMembership> SeriesMemberships => Set<SeriesMembership>();
    public DbSet<SeriesFee> SeriesFees => Set<SeriesFee>();
    public DbSet<BookingItem> BookingItems => Set<BookingItem>();
    public DbSet<PhoneNotice> PhoneNotices => Set<PhoneNotice>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FairDayImport> FairDayImports => Set<FairDayImport>();
    public DbSet<FairDayImportProblem> FairDayImportProblems => Set<FairDayImportProblem>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RenewVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }
}
