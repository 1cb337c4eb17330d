#include "core/err.h"

const char *tpm_strerror(int err)
{
	switch ((enum tpm_err)err) {
	case TPM_OK:
		return "success";
	case TPM_ENOMEM:
		return "out of memory";
	case TPM_EIO:
		return "input/output error";
	case TPM_EFORMAT:
		return "malformed input";
	case TPM_ECORRUPT:
		return "file is corrupt";
	case TPM_ENOENT:
		return "not found";
	case TPM_EBUSY:
		return "database is locked by another process";
	case TPM_EREADONLY:
		return "file is read-only";
	case TPM_ETOONEW:
		return "written by a newer version of tpmtrain";
	case TPM_EFULL:
		return "disk is full";
	case TPM_EINVAL:
		return "invalid argument";
	case TPM_ETOOBIG:
		return "too large";
	case TPM_ESTALE:
		return "changed by another process since";
	}
	return "unknown error";
}
