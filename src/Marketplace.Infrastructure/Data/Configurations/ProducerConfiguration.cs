using Marketplace.Domain.Files;
using Marketplace.Domain.Producers;
using Marketplace.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class ProducerConfiguration : IEntityTypeConfiguration<Producer>
{
    public void Configure(EntityTypeBuilder<Producer> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(160);
        builder.Property(p => p.Community).HasMaxLength(160);
        builder.Property(p => p.Phone).HasMaxLength(32);
        builder.Property(p => p.Story).HasMaxLength(2000);
        builder.Property(p => p.ProductsNote).HasMaxLength(500);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => p.UserId).IsUnique().HasFilter("[UserId] IS NOT NULL");
        builder.Property(p => p.ContactName).HasMaxLength(160);
        builder.Property(p => p.NationalId).HasMaxLength(32);
        // Longer than the name it normalizes: a leading space, and ß becomes ss.
        builder.Property(p => p.SearchName).HasMaxLength(200);
        builder.Property(p => p.CalendarTokenHash).HasMaxLength(64);
        builder.Property(p => p.CalendarTokenCipher).HasMaxLength(1000);
        builder.HasIndex(p => p.CalendarTokenHash).IsUnique().HasFilter("[CalendarTokenHash] IS NOT NULL");
        builder.Ignore(p => p.IsWomensOrganization);
        builder.HasOne<StoredFile>().WithMany()
            .HasForeignKey(p => p.PhotoFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Municipality).WithMany()
            .HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Products).WithOne()
            .HasForeignKey(pp => pp.ProducerId).OnDelete(DeleteBehavior.Cascade);
    }
}
