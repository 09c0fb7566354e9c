using Marketplace.Domain.Regions;
using Marketplace.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.Culture).HasMaxLength(10);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.TokenCipher).HasMaxLength(1000);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.Email);
        // The digest sweep: confirmed subscriptions by due time.
        builder.HasIndex(s => s.NextDigestAtUtc);
        builder.HasOne<Municipality>().WithMany().HasForeignKey(s => s.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Corridor>().WithMany().HasForeignKey(s => s.CorridorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Products).WithOne().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.Place);
        builder.Ignore(s => s.IsConfirmed);
    }
}
