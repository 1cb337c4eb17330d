#ifndef TPM_CORE_ERR_H
#define TPM_CORE_ERR_H

/*
 * Error codes returned by library code (git reftable style): 0 is success,
 * a negative enum tpm_err is a failure.  Library code never prints or exits;
 * the caller turns the code into a message with tpm_strerror().
 */
enum tpm_err {
	TPM_OK = 0,
	TPM_ENOMEM = -1,	/* out of memory */
	TPM_EIO = -2,		/* a read or write failed (see errno) */
	TPM_EFORMAT = -3,	/* input is malformed */
	TPM_ECORRUPT = -4,	/* stored data is damaged */
	TPM_ENOENT = -5,	/* no such file, card or record */
	TPM_EBUSY = -6,		/* a database is locked by another process */
	TPM_EREADONLY = -7,	/* a file cannot be written */
	TPM_ETOONEW = -8,	/* data from a newer version of tpmtrain */
	TPM_EFULL = -9,		/* the disk is full */
	TPM_EINVAL = -10,	/* an argument is out of range */
	TPM_ETOOBIG = -11,	/* input exceeds a size limit */
	TPM_ESTALE = -12,	/* changed by another process since */
};

/* A static, lower-case description of err ("database is locked"). */
const char *tpm_strerror(int err);

#endif
