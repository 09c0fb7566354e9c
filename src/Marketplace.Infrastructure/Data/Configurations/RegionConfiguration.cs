using Marketplace.Domain.Files;
using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(32);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(Region.MaxNameLength);
        builder.Property(r => r.DefaultCulture).HasMaxLength(10);
        builder.Property(r => r.PrimaryColor).HasMaxLength(9);
        builder.Property(r => r.WelcomeText).HasMaxLength(Region.MaxWelcomeLength);
        builder.Ignore(r => r.TextColor);
        // Replacing a logo deletes the old file explicitly; the database never cascades into regions.
        builder.HasOne<StoredFile>().WithMany()
            .HasForeignKey(r => r.LogoFileId).OnDelete(DeleteBehavior.Restrict);
    }
}
