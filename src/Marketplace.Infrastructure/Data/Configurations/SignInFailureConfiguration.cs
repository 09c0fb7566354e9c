using Marketplace.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.HasKey(f => new { f.Email, f.ClientAddress });
        builder.Property(f => f.Email).HasMaxLength(256);
        builder.Property(f => f.ClientAddress).HasMaxLength(64);
        // Old rows are deleted by their last failure.
        builder.HasIndex(f => f.LastFailureAtUtc);
    }
}
